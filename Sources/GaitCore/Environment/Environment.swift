/// A reinforcement-learning environment with Gymnasium's semantics.
///
/// `reset(seed:)` starts an episode; a seed given once makes the whole sequence of later episodes
/// reproducible. `step(_:)` returns the next observation, the reward, and whether the episode
/// `terminated` (a true terminal state) or was `truncated` (cut off; bootstrap through it).
/// Actions live in `actionSpace`, which is [−1, 1]ⁿ; the task scales them to actuator units.
///
/// Environments made through an `EnvironmentSpec` are wrapped so that stepping before `reset` or
/// after the episode ended throws, non-finite actions throw, out-of-range actions are clipped
/// (counted in `info["clipped_actions"]`) and the time limit truncates. An environment belongs to
/// one thread.
public protocol Environment: AnyObject {
    /// The space observations lie in.
    var observationSpace: Box { get }
    /// The space actions are taken from: [−1, 1]ⁿ.
    var actionSpace: Box { get }
    /// Starts a new episode; a non-nil `seed` reseeds the environment's random generator. Throws
    /// when no valid start can be found (`EnvironmentError.noValidStart`).
    func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info)
    /// Advances one step with `action`.
    func step(_ action: [Float]) throws(EnvironmentError) -> StepResult
    /// Everything that determines the environment's future, as named parts (for episode files and
    /// checkpoints); empty when the environment cannot provide one.
    func snapshot() -> EnvironmentSnapshot
    /// Returns to a state taken with `snapshot()`.
    func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError)
    /// Simulation settings worth recording with an episode (time step, sub-steps, solver …).
    var settings: [String: String] { get }
}

extension Environment {
    public func snapshot() -> EnvironmentSnapshot { EnvironmentSnapshot() }

    public func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        throw .cannotRestore("\(Self.self) does not support snapshots")
    }

    public var settings: [String: String] { [:] }
}
