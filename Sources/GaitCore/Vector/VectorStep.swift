/// One copy's outcome of a vector step. With same-step autoreset, when the copy's episode ended
/// it was reset at once: `result.observation` starts the new episode and `final` keeps the last
/// observation and info of the episode that ended. With next-step autoreset `final` is nil (see
/// `AutoresetMode`).
public struct VectorStep: Sendable, Hashable {
    /// Reward, flags and info of the step taken; the observation of the next step's input.
    public var result: StepResult
    /// The last observation and info of the episode that ended on this step, if one did.
    public var final: Final?

    /// The end of an episode.
    public struct Final: Sendable, Hashable {
        /// The observation the episode ended in (bootstrap from it when truncated).
        public var observation: [Float]
        /// The info of the final step.
        public var info: Info
    }
}
