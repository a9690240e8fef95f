/// Saving and restoring the network building blocks. Networks use PyTorch's `nn.Sequential`
/// names (`<prefix>.0.weight` …); an optimiser's moments are `<prefix>.exp_avg` and
/// `<prefix>.exp_avg_sq`, as in PyTorch's Adam state.
extension StateDictionary {
    /// Stores a network's parameters.
    public mutating func set(_ prefix: String, network: MLP) {
        file.tensors.merge(network.tensors(prefix: prefix)) { _, new in new }
    }

    /// Restores a network's parameters.
    public func load(_ prefix: String, into network: MLP) throws(CheckpointError) {
        try network.load(from: file, prefix: prefix)
    }

    /// Stores an optimiser's moments, step count and learning rate.
    public mutating func set(_ prefix: String, optimizer: Adam) {
        set("\(prefix).exp_avg", optimizer.firstMoment.baseAddress!, count: optimizer.firstMoment.count)
        set("\(prefix).exp_avg_sq", optimizer.secondMoment.baseAddress!, count: optimizer.secondMoment.count)
        set("\(prefix).step", number: Double(optimizer.step))
        set("\(prefix).lr", number: Double(optimizer.learningRate))
    }

    /// Restores an optimiser saved with `set(_:optimizer:)`.
    public func load(_ prefix: String, into optimizer: Adam) throws(CheckpointError) {
        let learningRate = try number("\(prefix).lr")
        guard learningRate >= 0, learningRate <= Double(Float.greatestFiniteMagnitude) else {
            throw .corrupted(path: "\(prefix).lr", reason: "a learning rate of \(learningRate) is not a non-negative float")
        }
        try load("\(prefix).exp_avg", into: optimizer.firstMoment)
        try load("\(prefix).exp_avg_sq", into: optimizer.secondMoment)
        optimizer.step = try int("\(prefix).step")
        optimizer.learningRate = Float(learningRate)
    }

    /// Stores a parameter vector.
    public mutating func set(_ name: String, parameters: ParameterVector) {
        set(name, parameters.parameters.baseAddress!, count: parameters.count)
    }

    /// Restores a parameter vector.
    public func load(_ name: String, into parameters: ParameterVector) throws(CheckpointError) {
        try load(name, into: parameters.parameters)
    }
}
