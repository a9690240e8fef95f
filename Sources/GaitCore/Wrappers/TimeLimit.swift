/// Truncates episodes after a fixed number of steps (never terminates them).
public final class TimeLimit: Wrapper {
    /// The number of steps after which an episode is truncated.
    public let maxEpisodeSteps: Int
    /// Steps taken in the current episode.
    public private(set) var elapsedSteps = 0

    /// Wraps `inner` with a limit of `maxEpisodeSteps` steps per episode.
    public init(_ inner: any Environment, maxEpisodeSteps: Int) {
        precondition(maxEpisodeSteps > 0, "an episode limit must be positive")
        self.maxEpisodeSteps = maxEpisodeSteps
        super.init(inner)
    }

    public override func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info) {
        elapsedSteps = 0
        return try inner.reset(seed: seed)
    }

    public override func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        var result = try inner.step(action)
        elapsedSteps += 1
        if elapsedSteps >= maxEpisodeSteps && !result.terminated { result.truncated = true }
        return result
    }

    public override func snapshot() -> [Double] { inner.snapshot() + [Double(elapsedSteps)] }

    public override func restore(_ snapshot: [Double]) throws(EnvironmentError) {
        guard let steps = snapshot.last else { throw .cannotRestore("the snapshot is empty") }
        try inner.restore(Array(snapshot.dropLast()))
        elapsedSteps = Int(steps)
    }
}
