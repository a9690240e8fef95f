import Foundation
import GaitNN

/// The bootstrapped target of the off-policy critics.
enum BootstrappedTarget {
    /// y = r + γⁿ·(1 − terminated)·next(row) for each row of `batch`, into `targets`, where n is
    /// the row's horizon (1, or the transitions an n-step draw summed into r): a terminated
    /// transition has no future; a truncated one keeps its bootstrap.
    static func write(into targets: Matrix, batch: TransitionBatch, gamma: Float, next: (Int) -> Float) {
        targets.resize(rows: batch.count)
        for row in 0..<batch.count {
            let horizon = batch.horizons[row]
            let discount = horizon == 1 ? gamma : pow(gamma, Float(horizon))
            targets.values[row] = batch.rewards[row] + (batch.terminated[row] ? 0 : discount * next(row))
        }
    }
}
