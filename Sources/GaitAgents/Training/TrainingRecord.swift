import GaitCore

/// Something the trainer measured at a point of training: a finished episode
/// (`episode_return`, `episode_length`), an evaluation (`eval_return`, `eval_std`), or the
/// agent's latest losses with the throughput (`steps_per_second`).
public struct TrainingRecord: Sendable {
    /// Environment steps taken so far (all copies).
    public let step: Int
    /// Seconds since training started.
    public let wallTime: Double
    /// The measured values by name.
    public let values: Info

    public init(step: Int, wallTime: Double, values: Info) {
        (self.step, self.wallTime, self.values) = (step, wallTime, values)
    }
}
