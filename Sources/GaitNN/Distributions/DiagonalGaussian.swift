import Foundation

/// A Gaussian with independent components, given per row by a mean and a log standard deviation
/// (`logStd` has one row per sample, or a single row shared by all). Used by the on-policy
/// agents.
public enum DiagonalGaussian {
    static let halfLogTwoPi = Float(0.5 * log(2 * Double.pi))

    /// Writes log π(x) of each row into `into` (one value per row).
    public static func logProbability(mean: Matrix, logStd: Matrix, value: Matrix, into result: UnsafeMutablePointer<Float>) {
        let d = mean.columns
        for row in 0..<mean.rows {
            let s = logStd.values + (logStd.rows == 1 ? 0 : row * d)
            var total: Float = 0
            for j in 0..<d {
                let z = (value[row, j] - mean[row, j]) * exp(-s[j])
                total += -0.5 * z * z - s[j] - halfLogTwoPi
            }
            result[row] = total
        }
    }

    /// Adds weight[row] · ∂ log π(x)/∂mean and ∂/∂logStd into the gradient matrices (a shared
    /// `logStd` row gets the sum over rows).
    public static func addLogProbabilityGradient(mean: Matrix, logStd: Matrix, value: Matrix, weights: UnsafePointer<Float>,
                                                 meanGradient: Matrix, logStdGradient: Matrix) {
        let d = mean.columns
        for row in 0..<mean.rows {
            let offset = logStd.rows == 1 ? 0 : row * d
            for j in 0..<d {
                let inverseVariance = exp(-2 * logStd.values[offset + j])
                let difference = value[row, j] - mean[row, j]
                meanGradient[row, j] += weights[row] * difference * inverseVariance
                logStdGradient.values[offset + j] += weights[row] * (difference * difference * inverseVariance - 1)
            }
        }
    }

    /// The entropy of row `row`: Σ (½ + ½ log 2π + log σ). Its gradient with respect to each
    /// log σ is 1.
    public static func entropy(logStd: Matrix, row: Int) -> Float {
        let s = logStd.values + (logStd.rows == 1 ? 0 : row * logStd.columns)
        var total: Float = 0
        for j in 0..<logStd.columns { total += 0.5 + halfLogTwoPi + s[j] }
        return total
    }

    /// x = mean + σ·ε for standard normal `noise` ε (the reparameterised sample), into `value`.
    public static func sample(mean: Matrix, logStd: Matrix, noise: Matrix, into value: Matrix) {
        value.resize(rows: mean.rows)
        let d = mean.columns
        for row in 0..<mean.rows {
            let offset = logStd.rows == 1 ? 0 : row * d
            for j in 0..<d { value[row, j] = mean[row, j] + exp(logStd.values[offset + j]) * noise[row, j] }
        }
    }
}
