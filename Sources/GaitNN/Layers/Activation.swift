/// An element-wise non-linearity between layers.
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// No change.
    case identity
    /// max(0, x).
    case relu
    /// tanh(x) (Gait's own, the same bits on every CPU; see `SIMD8.tanh`).
    case tanh

    /// Applies the activation in place to `count` values.
    @inline(__always)
    func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity: break
        case .relu:
            var i = 0
            while i + 8 <= count {
                let x = SIMD8<Float>.load(values + i)
                x.replacing(with: 0, where: x .< 0).store(values + i)
                i += 8
            }
            while i < count {
                values[i] = max(values[i], 0)
                i += 1
            }
        case .tanh:
            var i = 0
            while i + 8 <= count {
                SIMD8.tanh(SIMD8.load(values + i)).store(values + i)
                i += 8
            }
            guard i < count else { return }
            // The last few through the same lanes, so that a value's tanh never depends on where it lies.
            var rest = SIMD8<Float>()
            for j in i..<count { rest[j - i] = values[j] }
            rest = SIMD8.tanh(rest)
            for j in i..<count { values[j] = rest[j - i] }
        }
    }

    /// Multiplies `gradient` in place by the activation's derivative, given its `output`.
    @inline(__always)
    func backward(output: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity: break
        case .relu:
            var i = 0
            while i + 8 <= count {
                let y = SIMD8<Float>.load(output + i)
                SIMD8.load(gradient + i).replacing(with: 0, where: y .<= 0).store(gradient + i)
                i += 8
            }
            while i < count {
                gradient[i] = output[i] > 0 ? gradient[i] : 0
                i += 1
            }
        case .tanh:
            var i = 0
            while i + 8 <= count {
                let y = SIMD8<Float>.load(output + i)
                (SIMD8.load(gradient + i) * (1 - y * y)).store(gradient + i)
                i += 8
            }
            while i < count {
                gradient[i] *= 1 - output[i] * output[i]
                i += 1
            }
        }
    }
}
