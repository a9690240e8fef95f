import GaitCore

extension EpisodeReplay.Outcome {
    /// The steps a drawing of the re-simulation shows as recorded: all of them, or those before
    /// the first that differed.
    public var drawnSteps: Int {
        switch self {
        case .verified(let steps): steps
        case .diverged(let step, _): max(step - 1, 0)
        }
    }

    /// Throws when the re-simulation differed from the record at its start or first step: a
    /// drawing would show nothing of the episode.
    public func requireDrawable() throws(RenderError) {
        if case .diverged = self, drawnSteps == 0 { throw .notReplayable(description) }
    }
}
