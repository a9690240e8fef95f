/// Refuses to step before the first reset or after the episode ended.
public final class OrderEnforcing: Wrapper {
    /// Where the environment is in its episodes; its raw value is the snapshot part's.
    private enum Phase: Int { case notReset, inEpisode, finished }
    private var phase = Phase.notReset

    /// The snapshot part holding where the environment was in its episodes: 0 not yet reset,
    /// 1 within an episode, 2 after one ended. A snapshot without it (from before Gait saved it,
    /// or of an environment that keeps no state) is taken to be within an episode.
    static let snapshotPart = "order_enforcing.phase"

    public override func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info) {
        phase = .inEpisode
        return try inner.reset(seed: seed)
    }

    public override func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        guard phase != .notReset else { throw .notReset }
        guard phase == .inEpisode else { throw .episodeFinished }
        let result = try inner.step(action)
        phase = result.isDone ? .finished : .inEpisode
        return result
    }

    public override func snapshot() -> EnvironmentSnapshot {
        inner.snapshot().addingWrapperPart(Self.snapshotPart, [Double(phase.rawValue)])
    }

    public override func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let saved = snapshot.parts.contains { $0.name == Self.snapshotPart }
        let restored = saved ? try snapshot.count(Self.snapshotPart, atMost: Phase.finished.rawValue) : Phase.inEpisode.rawValue
        try inner.restore(snapshot.removing(Self.snapshotPart))
        phase = Phase(rawValue: restored)!
    }
}
