/// Layer normalisation (Ba et al., 2016; PyTorch's `nn.LayerNorm`) of each row of a batch:
/// y = γ·(x − mean(x))/√(var(x) + ε) + β, with a learned gain γ (starting at 1) and shift β
/// (starting at 0) per feature, stored in a network's flat parameter buffer.
public struct LayerNormalization: Sendable, Hashable {
    /// Features per row.
    public let width: Int
    /// Where the gains start in the parameter buffer; the shifts follow them.
    public let offset: Int
    /// Added to the variance (PyTorch's default).
    public static let epsilon: Float = 1e-5

    /// Gains then shifts.
    public var parameterCount: Int { 2 * width }
    var shiftOffset: Int { offset + width }

    /// Sets γ = 1 and β = 0.
    func initialize(_ parameters: UnsafeMutablePointer<Float>) {
        (parameters + offset).update(repeating: 1, count: width)
        (parameters + shiftOffset).update(repeating: 0, count: width)
    }

    /// Normalises `values` in place, row by row, keeping the normalised rows x̂ in `normalized`
    /// and each row's 1/√(var + ε) in `inverseDeviations` for `backward`.
    func forward(_ values: Matrix, normalized: Matrix, inverseDeviations: Matrix, parameters: UnsafePointer<Float>) {
        normalized.resize(rows: values.rows)
        inverseDeviations.resize(rows: values.rows)
        let gain = parameters + offset, shift = parameters + shiftOffset
        let count = Float(width)
        for row in 0..<values.rows {
            let x = values.values + row * width, xHat = normalized.values + row * width
            var sum: Float = 0
            for j in 0..<width { sum += x[j] }
            let mean = sum / count
            var squares: Float = 0
            for j in 0..<width { squares += (x[j] - mean) * (x[j] - mean) }
            let inverse = 1 / (squares / count + Self.epsilon).squareRoot()
            inverseDeviations.values[row] = inverse
            for j in 0..<width {
                xHat[j] = (x[j] - mean) * inverse
                x[j] = gain[j] * xHat[j] + shift[j]
            }
        }
    }

    /// Turns dL/dy in `gradient` into dL/dx in place, for the rows of the last `forward`, and
    /// writes (adds, with `accumulate`) dL/dγ and dL/dβ into `gradients` unless it is nil:
    /// dL/dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))/√(var + ε) with ĝ = γ·dL/dy.
    func backward(_ gradient: Matrix, normalized: Matrix, inverseDeviations: Matrix, parameters: UnsafePointer<Float>,
                  gradients: UnsafeMutablePointer<Float>?, accumulate: Bool) {
        let gain = parameters + offset
        if let gradients {
            let gainGradient = gradients + offset, shiftGradient = gradients + shiftOffset
            if !accumulate {
                gainGradient.update(repeating: 0, count: width)
                shiftGradient.update(repeating: 0, count: width)
            }
            for row in 0..<gradient.rows {
                let g = gradient.values + row * width, xHat = normalized.values + row * width
                for j in 0..<width {
                    gainGradient[j] += g[j] * xHat[j]
                    shiftGradient[j] += g[j]
                }
            }
        }
        let count = Float(width)
        for row in 0..<gradient.rows {
            let g = gradient.values + row * width, xHat = normalized.values + row * width
            var sum: Float = 0, projection: Float = 0
            for j in 0..<width {
                let scaled = gain[j] * g[j]
                sum += scaled
                projection += scaled * xHat[j]
            }
            let (mean, meanProjection) = (sum / count, projection / count)
            let inverse = inverseDeviations.values[row]
            for j in 0..<width { g[j] = inverse * (gain[j] * g[j] - mean - xHat[j] * meanProjection) }
        }
    }
}
