import GaitFoundation

/// Adam (Kingma & Ba, 2015) exactly as PyTorch implements it: bias-corrected moments and ε added
/// outside the square root: θ ← θ − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
public final class Adam {
    /// The step size.
    public var learningRate: Float
    /// Decay rates of the first and second moment estimates.
    public let beta1: Float, beta2: Float
    /// Added to the denominator for numerical stability.
    public let epsilon: Float
    /// The number of updates made so far.
    public internal(set) var step = 0
    /// First and second moment estimates, one per parameter.
    public let firstMoment: UnsafeMutableBufferPointer<Float>
    public let secondMoment: UnsafeMutableBufferPointer<Float>

    /// An optimiser for `parameterCount` parameters.
    public init(parameterCount: Int, learningRate: Float = 3e-4, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoment = .allocate(capacity: parameterCount)
        firstMoment.initialize(repeating: 0)
        secondMoment = .allocate(capacity: parameterCount)
        secondMoment.initialize(repeating: 0)
    }

    /// An optimiser for the parameters of `network`.
    public convenience init(for network: MLP, learningRate: Float = 3e-4, beta1: Float = 0.9, beta2: Float = 0.999,
                            epsilon: Float = 1e-8) {
        self.init(parameterCount: network.parameterCount, learningRate: learningRate, beta1: beta1, beta2: beta2,
                  epsilon: epsilon)
    }

    deinit {
        firstMoment.deallocate()
        secondMoment.deallocate()
    }

    /// One update of `parameters` from `gradients` (same length as the optimiser's state). With
    /// a `worker`, it updates the second half meanwhile (split at a multiple of eight, so that
    /// every parameter takes the same path: the same bits either way).
    public func update(_ parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeMutableBufferPointer<Float>,
                       worker: ParallelWorker? = nil) {
        precondition(parameters.count == firstMoment.count && gradients.count == firstMoment.count,
                     "Adam was made for \(firstMoment.count) parameters")
        step += 1
        let correction1 = 1 - Double(beta1).power(step)
        let correction2 = 1 - Double(beta2).power(step)
        let stepSize = Float(Double(learningRate) / correction1)
        let inverseRoot2 = Float(1 / correction2.squareRoot())
        let count = parameters.count
        func update(_ range: Range<Int>) {
            let theta = parameters.baseAddress!, g = gradients.baseAddress!
            let m = firstMoment.baseAddress!, v = secondMoment.baseAddress!
            // Eight lanes at a time (IEEE-exact, like the scalar tail), then the remainder.
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let gradient = SIMD8<Float>.load(g + i)
                let first = beta1 * SIMD8.load(m + i) + (1 - beta1) * gradient
                let second = beta2 * SIMD8.load(v + i) + (1 - beta2) * gradient * gradient
                first.store(m + i)
                second.store(v + i)
                (SIMD8.load(theta + i) - stepSize * first / (second.squareRoot() * inverseRoot2 + epsilon)).store(theta + i)
                i += 8
            }
            while i < range.upperBound {
                let gradient = g[i]
                m[i] = beta1 * m[i] + (1 - beta1) * gradient
                v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
                theta[i] -= stepSize * m[i] / (v[i].squareRoot() * inverseRoot2 + epsilon)
                i += 1
            }
        }
        guard let worker, count >= 1 << 14 else { return update(0..<count) }
        let half = count / 16 * 8
        worker.run({ update(half..<count) }, alongside: { update(0..<half) })
    }

    /// One update of `network`'s parameters from its gradients, sharing the work with the
    /// network's worker when it has one.
    public func update(_ network: MLP) { update(network.parameters, gradients: network.gradients, worker: network.worker) }
}

extension Double {
    /// `self` raised to a non-negative whole power.
    func power(_ exponent: Int) -> Double {
        var result = 1.0, base = self, n = exponent
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return result
    }
}
