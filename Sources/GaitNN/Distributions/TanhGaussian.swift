import Foundation

/// A diagonal Gaussian squashed by tanh, as SAC's policy: a = tanh(u), u = μ + σ·ε. Its log
/// density subtracts log(1 − tanh²(u)), computed stably as 2(log 2 − u − softplus(−2u)).
public enum TanhGaussian {
    /// log(1 − tanh²(u)) without cancellation for large |u|.
    @inline(__always)
    static func logOneMinusTanhSquared(_ u: Float) -> Float {
        let x = -2 * u
        let softplus = x > 20 ? x : log1p(exp(x))
        return 2 * (Float(M_LN2) - u - softplus)
    }

    /// Samples a = tanh(μ + σ·ε) for each row, writing the action into `action` and log π(a)
    /// into `logProbability` (one value per row).
    public static func sample(mean: Matrix, logStd: Matrix, noise: Matrix, action: Matrix,
                              logProbability: UnsafeMutablePointer<Float>) {
        action.resize(rows: mean.rows)
        let d = mean.columns
        for row in 0..<mean.rows {
            var total: Float = 0
            for j in 0..<d {
                let s = logStd[row, j], e = noise[row, j]
                let u = mean[row, j] + exp(s) * e
                action[row, j] = tanh(u)
                total += -0.5 * e * e - s - DiagonalGaussian.halfLogTwoPi - logOneMinusTanhSquared(u)
            }
            logProbability[row] = total
        }
    }

    /// For a loss L = Σ_rows w[row]·log π(a_row) + Σ (∂L/∂a)·a with the noise held fixed
    /// (the reparameterisation trick), writes ∂L/∂mean and ∂L/∂logStd.
    ///
    /// With u = μ + σε: ∂log π/∂μ = 2·tanh(u), ∂log π/∂log σ = −1 + 2·tanh(u)·σε,
    /// ∂a/∂μ = 1 − a², ∂a/∂log σ = (1 − a²)·σε.
    public static func gradient(mean: Matrix, logStd: Matrix, noise: Matrix, logProbabilityWeights w: UnsafePointer<Float>,
                                actionGradient: Matrix?, meanGradient: Matrix, logStdGradient: Matrix) {
        meanGradient.resize(rows: mean.rows)
        logStdGradient.resize(rows: mean.rows)
        let d = mean.columns
        for row in 0..<mean.rows {
            for j in 0..<d {
                let sigmaNoise = exp(logStd[row, j]) * noise[row, j]
                let a = tanh(mean[row, j] + sigmaNoise)
                let throughAction = (actionGradient?[row, j] ?? 0) * (1 - a * a)
                meanGradient[row, j] = w[row] * 2 * a + throughAction
                logStdGradient[row, j] = w[row] * (-1 + 2 * a * sigmaNoise) + throughAction * sigmaNoise
            }
        }
    }
}
