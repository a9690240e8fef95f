import GaitCore
import GaitNN

/// An agent whose workers learn side by side without waiting for each other (A3C). The
/// `Trainer` gives each worker an environment copy, a thread and a range of slots in the
/// experience buffer of its own. On worker `w`'s thread it calls only `explore(worker:_:)` and
/// `computeGradient(worker:from:slots:)` for `w`, and `applyGradient(worker:)` while it holds
/// the lock of the shared parameters, in round-robin order when `deterministic` is set. It never
/// calls `learn(from:totalSteps:)`.
public protocol AsynchronousAgent: Agent {
    /// The number of workers.
    var workers: Int { get }
    /// Whether workers apply their updates in a fixed round-robin order (reproducible runs)
    /// instead of as they finish.
    var deterministic: Bool { get }
    /// Environment steps in each worker's rollout (one update per rollout).
    var rolloutLength: Int { get }
    /// Worker `worker`'s exploring actions for `observations` (one row), from its copy of the
    /// parameters. The result is the worker's own matrix, valid until its next call.
    func explore(worker: Int, _ observations: Matrix) -> Matrix
    /// Computes worker `worker`'s gradient on its copy of the parameters from the rollout in
    /// `slots` of `buffer` (in time order).
    func computeGradient(worker: Int, from buffer: ExperienceBuffer, slots: Range<Int>)
    /// Applies worker `worker`'s last gradient to the shared parameters and refreshes the
    /// worker's copy from them; returns what the update measured (the metrics of `metricNames`).
    func applyGradient(worker: Int) -> Info
}
