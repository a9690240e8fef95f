/// Whole-network parameter operations: target networks and gradient clipping.
extension MLP {
    /// Polyak averaging for target networks: θ_target ← τ·θ_source + (1 − τ)·θ_target.
    public func polyakUpdate(from source: MLP, tau: Float) {
        precondition(source.sizes == sizes && source.normalizations == normalizations, "averaging networks of different shapes")
        let target = parameters.baseAddress!, from = source.parameters.baseAddress!
        let keep = 1 - tau
        for i in 0..<parameterCount { target[i] = tau * from[i] + keep * target[i] }
    }

    /// Copies every parameter of `source` (same shape).
    public func copyParameters(from source: MLP) {
        precondition(source.sizes == sizes && source.normalizations == normalizations, "copying between networks of different shapes")
        parameters.baseAddress!.update(from: source.parameters.baseAddress!, count: parameterCount)
    }

    /// Scales the gradients of `networks` together so that their global L2 norm is at most
    /// `maxNorm` (PyTorch's `clip_grad_norm_`); returns the norm before clipping.
    @discardableResult
    public static func clipGradientNorm(_ networks: [MLP], maxNorm: Float) -> Float {
        clipGradientNorm(networks.map(\.gradients), maxNorm: maxNorm)
    }

    /// The same for any gradient buffers.
    @discardableResult
    public static func clipGradientNorm(_ gradients: [UnsafeMutableBufferPointer<Float>], maxNorm: Float) -> Float {
        var squares: Float = 0
        for buffer in gradients {
            for value in buffer { squares += value * value }
        }
        let norm = squares.squareRoot()
        let scale = maxNorm / (norm + 1e-6)
        if scale < 1 {
            for buffer in gradients {
                for i in buffer.indices { buffer[i] *= scale }
            }
        }
        return norm
    }
}
