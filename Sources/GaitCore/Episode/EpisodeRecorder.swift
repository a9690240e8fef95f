/// Records every episode of the environment it wraps: actions, observations, rewards, flags and
/// state snapshots at the start, every `snapshotInterval` steps and at the end. Recording does
/// not change what the environment does.
public final class EpisodeRecorder: Wrapper {
    /// Identity written into each episode's header.
    public let environmentID: String
    public let environmentVersion: Int
    /// Steps between snapshots.
    public let snapshotInterval: Int
    /// Called with each episode when it ends.
    public var onEpisodeEnd: (Episode) -> Void
    /// The episode being recorded, if one is under way.
    public private(set) var current: Episode?

    /// Records `inner`, which was made from `spec`.
    public init(_ inner: any Environment, spec: EnvironmentSpec, snapshotInterval: Int = 100,
                onEpisodeEnd: @escaping (Episode) -> Void) {
        precondition(snapshotInterval > 0, "the snapshot interval must be positive")
        environmentID = spec.id
        environmentVersion = spec.version
        self.snapshotInterval = snapshotInterval
        self.onEpisodeEnd = onEpisodeEnd
        super.init(inner)
    }

    public override func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info) {
        let (observation, info) = try inner.reset(seed: seed)
        let header = Episode.Header(
            formatVersion: Episode.formatVersion, environmentID: environmentID, environmentVersion: environmentVersion,
            seed: seed, gaitVersion: GaitVersion.current, settings: inner.settings,
            observationSize: inner.observationSpace.size, actionSize: inner.actionSpace.size,
            snapshotInterval: snapshotInterval)
        current = Episode(header: header, initialObservation: observation)
        current?.snapshots.append(.init(step: 0, state: inner.snapshot()))
        return (observation, info)
    }

    public override func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        let result = try inner.step(action)
        guard var episode = current else { return result }
        current = nil
        episode.append(action: action, result: result)
        if result.isDone || episode.count.isMultiple(of: snapshotInterval) {
            episode.snapshots.append(.init(step: episode.count, state: inner.snapshot()))
        }
        if result.isDone { onEpisodeEnd(episode) } else { current = episode }
        return result
    }
}
