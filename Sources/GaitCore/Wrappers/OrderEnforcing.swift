/// Refuses to step before the first reset or after the episode ended.
public final class OrderEnforcing: Wrapper {
    private var inEpisode = false
    private var everReset = false

    /// The snapshot part holding where the environment was in its episodes: 0 not yet reset,
    /// 1 within an episode, 2 after one ended. A snapshot without it (from before Gait saved it,
    /// or of an environment that keeps no state) is taken to be within an episode.
    static let snapshotPart = "order_enforcing.phase"

    public override func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info) {
        everReset = true
        inEpisode = true
        return try inner.reset(seed: seed)
    }

    public override func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        guard everReset else { throw .notReset }
        guard inEpisode else { throw .episodeFinished }
        let result = try inner.step(action)
        inEpisode = !result.isDone
        return result
    }

    public override func snapshot() -> EnvironmentSnapshot {
        inner.snapshot().addingWrapperPart(Self.snapshotPart, [Double(phase)])
    }

    public override func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let saved = snapshot.parts.contains { $0.name == Self.snapshotPart }
        let restored = saved ? try snapshot.count(Self.snapshotPart, atMost: 2) : 1
        try inner.restore(snapshot.removing(Self.snapshotPart))
        everReset = restored > 0
        inEpisode = restored == 1
    }

    /// 0 not yet reset, 1 within an episode, 2 after one ended (see `snapshotPart`).
    private var phase: Int { !everReset ? 0 : inEpisode ? 1 : 2 }
}
