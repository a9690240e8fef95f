/// Refuses to step before the first reset or after the episode ended.
public final class OrderEnforcing: Wrapper {
    private var inEpisode = false
    private var everReset = false

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

    public override func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        try inner.restore(snapshot)
        everReset = true
        inEpisode = true
    }
}
