/// A configuration whose networks have `hidden_layers` hidden layers of `hidden_size` units each.
protocol HiddenLayersConfiguration {
    var hiddenSize: Int { get }
    var hiddenLayers: Int { get }
    /// Whether the critics are layer-normalised (keeping a second copy of each hidden layer).
    var layerNorm: Bool { get }
}

extension HiddenLayersConfiguration {
    var layerNorm: Bool { false }

    /// The hidden layers' sizes and the bytes the networks take at the peak, once those bytes
    /// have been checked against the memory budget: up to three networks (an actor and two
    /// critics) taking observation and action, and activations for `rows` rows at a time;
    /// `copies` such sets (A3C's workers). Each parameter costs 20 floats at the peak: its weight,
    /// gradient, two Adam moments, target copy and the update's scratch (SAC with hidden_size
    /// 3000 peaked at 12 floats a parameter while it learned), and a checkpoint's copies while
    /// one is written (8 more).
    func checkedNetworks(observationSize: Int, actionSize: Int, rows: Int, copies: Int = 1) throws(AgentError)
        -> (hiddenSizes: [Int], bytes: Double) {
        let (width, layers) = (Double(hiddenSize), Double(hiddenLayers))
        let inputs = Double(observationSize + actionSize)
        let parameters = (inputs + 1) * width + (width + 1) * width * (layers - 1) + (width + 1) * Double(2 * actionSize)
        let activations = Double(rows) * (width * layers * (layerNorm ? 2 : 1) + inputs)
        let bytes = Double(copies) * 3 * 4 * (20 * parameters + 4 * activations)
        try MemoryBudget.require(bytes, for: "networks of \(hiddenLayers) layers × \(hiddenSize) units updated on \(rows) rows at a time"
                                     + (copies > 1 ? ", \(copies) copies of them" : ""),
                                 advice: "Lower hidden_size, hidden_layers, the batch or rollout size" + (copies > 1 ? " or workers." : "."))
        return ([Int](repeating: hiddenSize, count: hiddenLayers), bytes)
    }
}
