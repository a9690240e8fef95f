/// Networks as named tensors, in the layout of PyTorch's `nn.Sequential` of `Linear` layers
/// with activations between them: layer i is `<prefix>.<2i>.weight` (outputs × inputs) and
/// `<prefix>.<2i>.bias`.
extension MLP {
    /// The tensor names of layer `index`.
    func tensorNames(prefix: String, layer index: Int) -> (weight: String, bias: String) {
        ("\(prefix).\(2 * index).weight", "\(prefix).\(2 * index).bias")
    }

    /// The network's parameters as tensors.
    public func tensors(prefix: String) -> [String: Safetensors.Tensor] {
        var result: [String: Safetensors.Tensor] = [:]
        for (index, layer) in layers.enumerated() {
            let names = tensorNames(prefix: prefix, layer: index)
            let base = parameters.baseAddress!
            result[names.weight] = .init(shape: [layer.outputs, layer.inputs],
                                         values: Array(UnsafeBufferPointer(start: base + layer.offset, count: layer.inputs * layer.outputs)))
            result[names.bias] = .init(shape: [layer.outputs],
                                       values: Array(UnsafeBufferPointer(start: base + layer.biasOffset, count: layer.outputs)))
        }
        return result
    }

    /// Loads the parameters from `file`; every tensor must be present with the network's shape.
    /// Nothing is changed unless all of them fit.
    public func load(from file: Safetensors, prefix: String) throws(CheckpointError) {
        var found: [(Int, [Float])] = []
        for (index, layer) in layers.enumerated() {
            let names = tensorNames(prefix: prefix, layer: index)
            for (name, shape, offset) in [(names.weight, [layer.outputs, layer.inputs], layer.offset),
                                          (names.bias, [layer.outputs], layer.biasOffset)] {
                guard let tensor = file.tensors[name] else { throw .missingTensor(name: name) }
                guard tensor.shape == shape else { throw .shapeMismatch(name: name, expected: shape, found: tensor.shape) }
                found.append((offset, tensor.values))
            }
        }
        for (offset, values) in found {
            values.withUnsafeBufferPointer { (parameters.baseAddress! + offset).update(from: $0.baseAddress!, count: values.count) }
        }
    }
}
