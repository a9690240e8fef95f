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

    /// The snapshot part holding the steps taken in the episode.
    static let snapshotPart = "time_limit.elapsed_steps"

    public override func snapshot() -> EnvironmentSnapshot {
        inner.snapshot().addingWrapperPart(Self.snapshotPart, [Double(elapsedSteps)])
    }

    public override func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        guard !snapshot.isEmpty else { return try inner.restore(snapshot) }  // an environment that keeps no state
        let steps = try snapshot.count(Self.snapshotPart, atMost: maxEpisodeSteps)
        try inner.restore(snapshot.removing(Self.snapshotPart))
        elapsedSteps = steps
    }
}
