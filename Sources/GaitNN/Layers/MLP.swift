import GaitFoundation

/// A multilayer perceptron with hand-written backpropagation on BLAS.
///
/// All parameters live in one flat buffer (layer by layer: weights, then biases, then a
/// hidden layer's normalisation gains and shifts), and so do
/// their gradients, so that optimisers, target-network averaging and checkpoints work on
/// whole networks at once. `forward` keeps what `backward` needs. After the first call with the
/// largest batch size, neither allocates.
public final class MLP {
    /// Layer widths, input first.
    public let sizes: [Int]
    /// The activation after every hidden layer.
    public let activation: Activation
    /// The activation after the last layer.
    public let outputActivation: Activation
    /// The layers, input to output.
    public let layers: [Linear]
    /// One layer normalisation per hidden layer, between its linear map and its activation
    /// (empty: none).
    public let normalizations: [LayerNormalization]
    /// Every parameter.
    public let parameters: UnsafeMutableBufferPointer<Float>
    /// dL/dparameter, filled by `backward`.
    public let gradients: UnsafeMutableBufferPointer<Float>
    /// A thread that shares the large products of `forward` and `backward` (nil: all on the
    /// calling thread): the second half of a layer's output units, and a layer's input gradient
    /// beside its parameter gradients. Gradients are the same bits either way; some OpenBLAS
    /// kernels round an output split by units differently in the last bit, the same way every
    /// time. The worker must not be running anything else meanwhile.
    public var worker: ParallelWorker?

    private let input: Matrix
    private let outputs: [Matrix]
    private let deltas: [Matrix]
    /// Each normalised hidden layer's x̂ and per-row 1/√(var + ε), for `backward`.
    private let normalizedOutputs: [Matrix]
    private let inverseDeviations: [Matrix]
    private let inputGradient: Matrix
    /// Room for one layer's input gradient, transposed (see `BLAS.product`).
    private let transposedGradient: Matrix
    private var ones: UnsafeMutableBufferPointer<Float>

    /// A network of `sizes` (at least input and output), initialised from `random`; with
    /// `layerNormalized`, every hidden layer is normalised before its activation.
    public init(sizes: [Int], activation: Activation = .relu, outputActivation: Activation = .identity,
                initialization: Initialization = .pytorchDefault, layerNormalized: Bool = false, random: inout RandomSource) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "an MLP needs at least two positive layer sizes")
        self.sizes = sizes
        self.activation = activation
        self.outputActivation = outputActivation
        var offset = 0
        var layers: [Linear] = []
        var normalizations: [LayerNormalization] = []
        for (index, (inputs, outputs)) in zip(sizes, sizes.dropFirst()).enumerated() {
            layers.append(Linear(inputs: inputs, outputs: outputs, offset: offset))
            offset += layers.last!.parameterCount
            if layerNormalized && index < sizes.count - 2 {
                normalizations.append(LayerNormalization(width: outputs, offset: offset))
                offset += normalizations.last!.parameterCount
            }
        }
        self.layers = layers
        self.normalizations = normalizations
        parameters = .allocate(capacity: offset)
        gradients = .allocate(capacity: offset)
        gradients.initialize(repeating: 0)
        for (index, layer) in layers.enumerated() {
            initialization.fill(weights: parameters.baseAddress! + layer.offset, biases: parameters.baseAddress! + layer.biasOffset,
                                inputs: layer.inputs, outputs: layer.outputs, isOutput: index == layers.count - 1,
                                random: &random)
        }
        for normalization in normalizations { normalization.initialize(parameters.baseAddress!) }
        input = Matrix(rows: 0, columns: sizes[0])
        outputs = layers.map { Matrix(rows: 0, columns: $0.outputs) }
        deltas = layers.map { Matrix(rows: 0, columns: $0.outputs) }
        normalizedOutputs = normalizations.map { Matrix(rows: 0, columns: $0.width) }
        inverseDeviations = normalizations.map { _ in Matrix(rows: 0, columns: 1) }
        inputGradient = Matrix(rows: 0, columns: sizes[0])
        transposedGradient = Matrix(rows: 0, columns: sizes.max()!)
        ones = .allocate(capacity: 1)
        ones.initialize(repeating: 1)
    }

    deinit {
        parameters.deallocate()
        gradients.deallocate()
        ones.deallocate()
    }

    /// The number of parameters.
    public var parameterCount: Int { parameters.count }

    /// Runs the network on a batch (one row per sample). The result is the network's own
    /// matrix: valid until the next `forward`.
    @discardableResult
    public func forward(_ batch: Matrix) -> Matrix {
        precondition(batch.columns == sizes[0], "the network takes \(sizes[0]) inputs, got \(batch.columns)")
        input.copy(from: batch)
        var current = input
        for (index, layer) in layers.enumerated() {
            layer.forward(current, into: outputs[index], parameters: parameters.baseAddress!, worker: worker)
            if index < normalizations.count {
                normalizations[index].forward(outputs[index], normalized: normalizedOutputs[index],
                                              inverseDeviations: inverseDeviations[index], parameters: parameters.baseAddress!)
            }
            (index == layers.count - 1 ? outputActivation : activation).apply(outputs[index].values, count: outputs[index].count)
            current = outputs[index]
        }
        return current
    }

    /// Backpropagates dL/doutput for the batch of the last `forward`: writes the parameter
    /// gradients (adds them, with `accumulate`) and returns dL/dinput when asked (valid until the
    /// next `backward`).
    @discardableResult
    public func backward(_ outputGradient: Matrix, accumulate: Bool = false, inputGradientNeeded: Bool = false) -> Matrix? {
        backpropagate(outputGradient, into: gradients.baseAddress!, accumulate: accumulate, inputGradientNeeded: inputGradientNeeded)
    }

    /// dL/dinput alone for the batch of the last `forward`, leaving the parameter gradients
    /// untouched (and skipping their cost): pushing a gradient through a critic to its input.
    public func inputGradient(_ outputGradient: Matrix) -> Matrix {
        backpropagate(outputGradient, into: nil, accumulate: false, inputGradientNeeded: true)!
    }

    private func backpropagate(_ outputGradient: Matrix, into parameterGradients: UnsafeMutablePointer<Float>?,
                               accumulate: Bool, inputGradientNeeded: Bool) -> Matrix? {
        let last = layers.count - 1
        precondition(outputGradient.rows == input.rows && outputGradient.columns == sizes[last + 1],
                     "the output gradient must match the last forward's output")
        ensureOnes(input.rows)
        transposedGradient.resize(rows: input.rows)
        deltas[last].copy(from: outputGradient)
        outputActivation.backward(output: outputs[last].values, gradient: deltas[last].values, count: deltas[last].count)
        for index in stride(from: last, through: 0, by: -1) {
            let below = index > 0 ? deltas[index - 1] : (inputGradientNeeded ? inputGradient : nil)
            layers[index].backward(input: index > 0 ? outputs[index - 1] : input, outputGradient: deltas[index],
                                   inputGradient: below, parameters: parameters.baseAddress!,
                                   gradients: parameterGradients, ones: ones.baseAddress!, accumulate: accumulate,
                                   scratch: transposedGradient.values, worker: worker)
            if index > 0 {
                activation.backward(output: outputs[index - 1].values, gradient: deltas[index - 1].values,
                                    count: deltas[index - 1].count)
                if index - 1 < normalizations.count {
                    normalizations[index - 1].backward(deltas[index - 1], normalized: normalizedOutputs[index - 1],
                                                       inverseDeviations: inverseDeviations[index - 1],
                                                       parameters: parameters.baseAddress!, gradients: parameterGradients,
                                                       accumulate: accumulate)
                }
            }
        }
        return inputGradientNeeded ? inputGradient : nil
    }

    /// Sets every gradient to zero.
    public func zeroGradients() { gradients.update(repeating: 0) }

    private func ensureOnes(_ count: Int) {
        guard ones.count < count else { return }
        ones.deallocate()
        ones = .allocate(capacity: count)
        ones.initialize(repeating: 1)
    }
}
