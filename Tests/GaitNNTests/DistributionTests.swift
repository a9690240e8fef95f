import Foundation
import Testing
import GaitCore
@testable import GaitNN

@Suite("Policy distributions")
struct DistributionTests {
    let random = RandomSource(seed: 9)

    private func logNormal(_ x: Double, _ mean: Double, _ logStd: Double) -> Double {
        let z = (x - mean) / exp(logStd)
        return -0.5 * z * z - logStd - 0.5 * log(2 * Double.pi)
    }

    @Test("diagonal Gaussian: log-probability, entropy and gradients (shared and per-row log σ)", arguments: [1, 3])
    func diagonalGaussian(logStdRows: Int) {
        var random = random
        let mean = GradientTests.randomMatrix(3, 2, &random)
        let logStd = GradientTests.randomMatrix(logStdRows, 2, &random, scale: 0.5)
        let value = GradientTests.randomMatrix(3, 2, &random, scale: 2)
        var logProbability = [Float](repeating: 0, count: 3)
        DiagonalGaussian.logProbability(mean: mean, logStd: logStd, value: value, into: &logProbability)
        for row in 0..<3 {
            let s = { (j: Int) in Double(logStd[logStdRows == 1 ? 0 : row, j]) }
            let expected = (0..<2).reduce(0.0) { $0 + logNormal(Double(value[row, $1]), Double(mean[row, $1]), s($1)) }
            #expect(abs(Double(logProbability[row]) - expected) < 1e-5)
            let entropy = (0..<2).reduce(0.0) { $0 + 0.5 + 0.5 * log(2 * Double.pi) + s($1) }
            #expect(abs(Double(DiagonalGaussian.entropy(logStd: logStd, row: row)) - entropy) < 1e-5)
        }
        let weights: [Float] = [0.5, -1, 2]
        let meanGradient = Matrix(rows: 3, columns: 2), logStdGradient = Matrix(rows: logStdRows, columns: 2)
        DiagonalGaussian.addLogProbabilityGradient(mean: mean, logStd: logStd, value: value, weights: weights,
                                                   meanGradient: meanGradient, logStdGradient: logStdGradient)
        func objective() -> Double {
            var values = [Float](repeating: 0, count: 3)
            DiagonalGaussian.logProbability(mean: mean, logStd: logStd, value: value, into: &values)
            return zip(values, weights).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        }
        for (parameters, gradient) in [(mean, meanGradient), (logStd, logStdGradient)] {
            GradientTests.expectGradient(gradient, of: parameters, h: 1e-2, objective)
        }
    }

    @Test("tanh-Gaussian: log-probability by change of variables, stable for large |u|, and reparameterised gradients")
    func tanhGaussian() {
        var random = random
        let mean = GradientTests.randomMatrix(4, 3, &random, scale: 1.5)
        let logStd = GradientTests.randomMatrix(4, 3, &random, scale: 0.7)
        let noise = Matrix(rows: 4, columns: 3, elements: (0..<12).map { _ in Float(random.normal()) })
        let action = Matrix(rows: 0, columns: 3)
        var logProbability = [Float](repeating: 0, count: 4)
        TanhGaussian.sample(mean: mean, logStd: logStd, noise: noise, action: action, logProbability: &logProbability)
        for row in 0..<4 {
            var expected = 0.0
            for j in 0..<3 {
                let u = Double(mean[row, j]) + exp(Double(logStd[row, j])) * Double(noise[row, j])
                #expect(abs(Double(action[row, j]) - tanh(u)) < 1e-6)
                expected += logNormal(u, Double(mean[row, j]), Double(logStd[row, j])) - log(1 - tanh(u) * tanh(u))
            }
            #expect(abs(Double(logProbability[row]) - expected) < 1e-3 * max(1, abs(expected)))
        }
        #expect(abs(TanhGaussian.logOneMinusTanhSquared(30) - Float(2 * (log(2.0) - 30 - 0))) < 1e-4)
        #expect(TanhGaussian.logOneMinusTanhSquared(-30).isFinite)

        let weights: [Float] = [1, -0.5, 0.25, 2]
        let actionWeights = GradientTests.randomMatrix(4, 3, &random)
        let meanGradient = Matrix(rows: 0, columns: 3), logStdGradient = Matrix(rows: 0, columns: 3)
        TanhGaussian.gradient(mean: mean, logStd: logStd, noise: noise, logProbabilityWeights: weights,
                              actionGradient: actionWeights, meanGradient: meanGradient, logStdGradient: logStdGradient)
        func objective() -> Double {
            var values = [Float](repeating: 0, count: 4)
            TanhGaussian.sample(mean: mean, logStd: logStd, noise: noise, action: action, logProbability: &values)
            let policyTerm = zip(values, weights).reduce(0.0) { $0 + Double($1.0 * $1.1) }
            return policyTerm + (0..<12).reduce(0.0) { $0 + Double(action.values[$1] * actionWeights.values[$1]) }
        }
        for (parameters, gradient) in [(mean, meanGradient), (logStd, logStdGradient)] {
            GradientTests.expectGradient(gradient, of: parameters, h: 1e-3, objective)
        }
    }
}
