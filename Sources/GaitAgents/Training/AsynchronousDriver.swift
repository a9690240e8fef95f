import GaitCore
import GaitNN

/// Trains an asynchronous agent (A3C): each advance is a stretch of rollouts that the agent's
/// workers take on environment copies of their own, a thread each (see `AsynchronousPhase`).
final class AsynchronousDriver: TrainingDriver {
    private let agent: any AsynchronousAgent
    private let environments: [any Environment]
    private let copies: CopiesState
    /// The stretch under way: its workers may run on between advances, up to the next pause.
    private var stretch: AsynchronousPhase?

    init(agent: any AsynchronousAgent, environments: [any Environment], copies: CopiesState) {
        self.agent = agent
        self.environments = environments
        self.copies = copies
    }

    /// A rollout: workers take whole ones.
    var granularity: Int { agent.rolloutLength }

    func reset(seed: UInt64) throws -> [[Float]] {
        try environments.enumerated().map { try $1.reset(seed: seed &+ UInt64($0)).observation }
    }

    func snapshots() -> [EnvironmentSnapshot] { environments.map { $0.snapshot() } }

    func restore(_ snapshots: [EnvironmentSnapshot]) throws {
        guard snapshots.count == environments.count else {
            throw EnvironmentError.cannotRestore("expected \(environments.count) snapshots, one per worker, got \(snapshots.count)")
        }
        for (environment, snapshot) in zip(environments, snapshots) { try environment.restore(snapshot) }
    }

    /// The rollouts that cover the steps up to `target`, each taken by a worker, stored in its
    /// slots of the buffer and learned from at once. The workers go on to `pause` meanwhile (in
    /// the background between advances), and stop there.
    func advance(from steps: Int, toward target: Int, pausingAt pause: Int, clock: @escaping @Sendable () -> Double,
                 report: (TrainingRecord) -> Void, shouldStop: () -> Bool) throws -> TrainingAdvance {
        let length = agent.rolloutLength
        let phase = stretch ?? AsynchronousPhase(agent: agent, environments: environments, copies: copies, completedRollouts: steps / length,
                                                 rolloutLimit: (pause + length - 1) / length, clock: clock)
        stretch = phase
        defer {
            if phase.isOver {
                phase.copyObservations(into: copies.observations)
                stretch = nil
            }
        }
        let learned = try phase.run(until: (target + length - 1) / length, report: report, shouldStop: shouldStop)
        return TrainingAdvance(steps: phase.reportedRollouts * length, updates: phase.reportedRollouts - steps / length, learned: learned,
                               finished: !(phase.stopped && phase.isOver))
    }
}
