import GaitNN

/// The one-step bootstrapped target of the off-policy critics.
enum BootstrappedTarget {
    /// y = r + γ·(1 − terminated)·next(row) for each row of `batch`, into `targets`: a
    /// terminated transition has no future; a truncated one keeps its bootstrap.
    static func write(into targets: Matrix, batch: TransitionBatch, gamma: Float, next: (Int) -> Float) {
        targets.resize(rows: batch.count)
        for row in 0..<batch.count {
            targets.values[row] = batch.rewards[row] + (batch.terminated[row] ? 0 : gamma * next(row))
        }
    }
}
