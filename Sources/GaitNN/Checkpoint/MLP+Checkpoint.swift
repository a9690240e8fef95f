/// Networks as named tensors, in the layout of PyTorch's `nn.Sequential` of `Linear` layers
/// with activations between them: layer i is `<prefix>.<2i>.weight` (outputs × inputs) and
/// `<prefix>.<2i>.bias`. A layer-normalised network has `Linear`, `LayerNorm`, activation per
/// hidden layer: layer i is `<prefix>.<3i>.…` and its normalisation `<prefix>.<3i + 1>.weight`
/// (the gains) and `.bias` (the shifts).
extension MLP {
    /// The position of layer `index` in the `nn.Sequential`.
    private func sequentialIndex(layer index: Int) -> Int { (normalizations.isEmpty ? 2 : 3) * index }

    /// Every tensor of the network: its name, shape and where its values start in `parameters`.
    private func tensorLayout(prefix: String) -> [(name: String, shape: [Int], offset: Int)] {
        var layout: [(name: String, shape: [Int], offset: Int)] = []
        for (index, layer) in layers.enumerated() {
            let position = sequentialIndex(layer: index)
            layout.append(("\(prefix).\(position).weight", [layer.outputs, layer.inputs], layer.offset))
            layout.append(("\(prefix).\(position).bias", [layer.outputs], layer.biasOffset))
            if index < normalizations.count {
                let normalization = normalizations[index]
                layout.append(("\(prefix).\(position + 1).weight", [normalization.width], normalization.offset))
                layout.append(("\(prefix).\(position + 1).bias", [normalization.width], normalization.shiftOffset))
            }
        }
        return layout
    }

    /// The network's parameters as tensors.
    public func tensors(prefix: String) -> [String: Safetensors.Tensor] {
        var result: [String: Safetensors.Tensor] = [:]
        for (name, shape, offset) in tensorLayout(prefix: prefix) {
            let count = shape.reduce(1, *)
            result[name] = .init(shape: shape, values: Array(UnsafeBufferPointer(start: parameters.baseAddress! + offset, count: count)))
        }
        return result
    }

    /// Loads the parameters from `file`; every tensor must be present with the network's shape.
    /// Nothing is changed unless all of them fit.
    public func load(from file: Safetensors, prefix: String) throws(CheckpointError) {
        var found: [(Int, [Float])] = []
        for (name, shape, offset) in tensorLayout(prefix: prefix) {
            guard let tensor = file.tensors[name] else { throw .missingTensor(name: name) }
            guard tensor.shape == shape else { throw .shapeMismatch(name: name, expected: shape, found: tensor.shape) }
            found.append((offset, tensor.values))
        }
        for (offset, values) in found {
            values.withUnsafeBufferPointer { (parameters.baseAddress! + offset).update(from: $0.baseAddress!, count: values.count) }
        }
    }
}
