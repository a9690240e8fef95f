import Foundation
import GaitAgents

/// The line that ends `gait train` and `gait eval`, for scripts to read.
extension Evaluation {
    package var line: String { line(named: "eval") }

    /// The same line under another name (`eval_stochastic`).
    package func line(named name: String) -> String {
        String(format: "%@: mean_return=%.3f std=%.3f episodes=%d", name, mean, standardDeviation, returns.count)
    }
}
