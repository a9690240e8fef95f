/// The outcome of one environment step, with Gymnasium's semantics.
public struct StepResult: Sendable, Hashable {
    /// The observation after the step.
    public var observation: [Float]
    /// The reward for the step.
    public var reward: Double
    /// A true terminal state was reached: do not bootstrap from `observation`.
    public var terminated: Bool
    /// The episode was cut off (time limit): bootstrap from `observation`.
    public var truncated: Bool
    /// Reward terms, counters and messages.
    public var info: Info

    /// Creates a step result.
    public init(observation: [Float], reward: Double, terminated: Bool, truncated: Bool, info: Info) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }

    /// True when the episode ended, by termination or truncation.
    public var isDone: Bool { terminated || truncated }
}
