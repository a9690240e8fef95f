import GaitCore
import GaitNN

/// How a `Trainer`'s agent gathers experience and learns from it, the act → step → store → learn
/// part of training: a vector environment stepped by the trainer's thread
/// (`SynchronousDriver`), or an asynchronous agent's workers on copies of their own
/// (`AsynchronousDriver`). The trainer evaluates and logs between advances.
protocol TrainingDriver: AnyObject {
    /// Each advance takes at least this many environment steps (and at most `target` plus this,
    /// less one).
    var granularity: Int { get }

    /// Resets every environment copy, copy `i` with `seed + i`; returns their first observations.
    func reset(seed: UInt64) throws -> [[Float]]
    /// The state of every environment copy.
    func snapshots() -> [EnvironmentSnapshot]
    /// Returns every environment copy to a state from `snapshots()`.
    func restore(_ snapshots: [EnvironmentSnapshot]) throws

    /// Trains on from run step `steps` toward `target` (further than `steps`): acts with the
    /// exploring policy, steps the copies, stores each transition in the buffer and lets the
    /// agent learn, reporting each episode that ends. Nothing changes the agent or the
    /// environments after the advance that reaches `pause` (at least `target`; the trainer
    /// evaluates or saves there) until the next. Stops early once `shouldStop` says so.
    func advance(from steps: Int, toward target: Int, pausingAt pause: Int, clock: @escaping @Sendable () -> Double,
                 report: (TrainingRecord) -> Void, shouldStop: () -> Bool) throws -> TrainingAdvance
}

/// What one advance of a `TrainingDriver` did.
struct TrainingAdvance {
    /// The run's environment steps afterwards.
    var steps: Int
    /// How often the agent learned.
    var updates: Int
    /// What the agent measured when it last learned, if it did.
    var learned: Info?
    /// False when training stopped because a stop was asked for (after the steps it took).
    var finished: Bool
}
