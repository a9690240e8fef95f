import Foundation
import GaitAgents

/// The line that ends `gait train` and `gait eval`, for scripts to read.
extension Evaluation {
    var line: String {
        String(format: "eval: mean_return=%.3f std=%.3f episodes=%d", mean, standardDeviation, returns.count)
    }
}
