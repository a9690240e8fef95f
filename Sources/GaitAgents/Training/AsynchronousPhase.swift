import Foundation
import GaitCore
import GaitNN

/// One stretch of asynchronous training (A3C): the agent's workers, a thread each, run rollouts
/// on their own environment copies until the run has done `rolloutLimit` rollouts or a stop is
/// asked for. Rollout r covers the run's environment steps r·n + 1 … (r + 1)·n, n being the
/// agent's `rolloutLength`, and fills worker w's slots w·n ..< (w + 1)·n of the buffer.
///
/// Asynchronously, a free worker takes the next rollout and applies its update as soon as it has
/// computed it. Deterministically, worker w takes rollouts w, w + W, w + 2W … (W workers) and
/// applies rollout r right after rollout r − 1, so that what each worker sees depends neither on
/// thread timing nor on where one stretch ends and the next begins.
///
/// Meanwhile the calling thread reports, in step order, the episodes of every rollout that is
/// applied together with all rollouts before it, in parts (see `run(until:report:shouldStop:)`)
/// while the workers go on.
final class AsynchronousPhase: @unchecked Sendable {
    // Set up by the trainer; each worker touches only its own environment, observation row,
    // episode counters and buffer slots.
    private let agent: any AsynchronousAgent
    private let environments: [any Environment]
    private let buffer: ExperienceBuffer
    private let observations: [Matrix]
    private let runningEpisodes: EpisodeTally
    private let clock: @Sendable () -> Double
    private let rolloutLength: Int

    // Shared between the threads, under `condition`.
    private let condition = NSCondition()
    private var limit: Int
    private var nextRollout: Int
    private var nextRollouts: [Int]
    /// Rollouts before this one are all applied.
    private var appliedPrefix: Int
    private var appliedAhead: Set<Int> = []
    private var episodes: [(rollout: Int, record: TrainingRecord)] = []
    /// What each applied rollout's update measured, until the calling thread reads it.
    private var measurements: [Int: Info] = [:]
    private var failure: (any Error)?
    private var running = 0

    // The calling thread's.
    private var started = false
    /// Rollouts whose episodes are reported.
    private(set) var reportedRollouts: Int
    /// Whether a stop was asked for.
    private(set) var stopped = false

    /// A stretch that starts after `completedRollouts` rollouts of the run, from each worker's
    /// current observation and running episode in `copies` (which it goes on with).
    init(agent: any AsynchronousAgent, environments: [any Environment], copies: CopiesState, completedRollouts: Int, rolloutLimit: Int,
         clock: @escaping @Sendable () -> Double) {
        self.agent = agent
        self.environments = environments
        buffer = copies.buffer
        rolloutLength = agent.rolloutLength
        let columns = copies.observations.columns
        observations = (0..<agent.workers).map { worker in
            let row = Matrix(rows: 1, columns: columns)
            row.values.update(from: copies.observations.values + worker * columns, count: columns)
            return row
        }
        runningEpisodes = copies.runningEpisodes
        self.clock = clock
        limit = rolloutLimit
        nextRollout = completedRollouts
        let workers = agent.workers
        nextRollouts = (0..<workers).map { worker in completedRollouts + (worker - completedRollouts % workers + workers) % workers }
        appliedPrefix = completedRollouts
        reportedRollouts = completedRollouts
    }

    /// Whether the stretch is over: its workers have all stopped and every applied rollout is
    /// reported.
    var isOver: Bool {
        condition.lock()
        defer { condition.unlock() }
        return started && running == 0 && reportedRollouts == appliedPrefix
    }

    /// Copies each worker's current observation into its row of `matrix`.
    func copyObservations(into matrix: Matrix) {
        for (worker, observation) in observations.enumerated() {
            (matrix.values + worker * matrix.columns).update(from: observation.values, count: matrix.columns)
        }
    }

    /// Runs the workers (starting them on the first call) until the rollouts before
    /// `rolloutTarget` (at most the stretch's) are applied and their episodes reported; the
    /// workers go on with the rest of the stretch, if any. Returns early when the stretch ends
    /// before (after a stop). Stops the stretch once `shouldStop` (asked about every 50 ms) says
    /// so, after the rollouts under way, and sets `stopped`. Returns what the last rollout
    /// reported measured (nil when none was). Throws the first error a worker met (an
    /// environment's, or a divergence) once every worker has stopped.
    func run(until rolloutTarget: Int, report: (TrainingRecord) -> Void, shouldStop: () -> Bool) throws -> Info? {
        if !started { start() }
        var learned: Info?
        condition.lock()
        while true {
            let upTo = min(appliedPrefix, rolloutTarget)
            let ready = episodes.filter { $0.rollout < upTo }.map(\.record)
            episodes.removeAll { $0.rollout < upTo }
            if upTo > reportedRollouts { learned = measurements[upTo - 1] }
            for rollout in reportedRollouts..<upTo { measurements[rollout] = nil }
            condition.unlock()
            for record in ready.sorted(by: { $0.step < $1.step }) { report(record) }
            reportedRollouts = upTo
            if !stopped && shouldStop() {
                stopped = true
                stop()
            }
            condition.lock()
            if running == 0 && (failure != nil || reportedRollouts == appliedPrefix) { break }
            if failure == nil && reportedRollouts == rolloutTarget && rolloutTarget < limit { break }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
        return learned
    }

    /// Starts a thread for each worker.
    private func start() {
        started = true
        running = agent.workers
        for worker in 0..<agent.workers {
            let thread = Thread { [self] in
                work(worker)
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
            }
            thread.name = "gait-a3c-\(worker)"
            thread.start()
        }
    }

    /// Ends the stretch after the rollouts already taken (and, deterministically, every rollout
    /// before the last of them), so that the applied rollouts stay a prefix of the run.
    private func stop() {
        condition.lock()
        let workers = agent.workers
        limit = min(limit, agent.deterministic ? nextRollouts.max()! - workers + 1 : nextRollout)
        condition.unlock()
    }

    /// The next rollout of `worker`, or nil when the stretch is over for it.
    private func take(_ worker: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard failure == nil else { return nil }
        if agent.deterministic {
            let rollout = nextRollouts[worker]
            guard rollout < limit else { return nil }
            nextRollouts[worker] += agent.workers
            return rollout
        }
        guard nextRollout < limit else { return nil }
        nextRollout += 1
        return nextRollout - 1
    }

    private func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// A worker's loop: rollouts until the stretch is over.
    private func work(_ worker: Int) {
        let slots = (worker * rolloutLength)..<((worker + 1) * rolloutLength)
        while let rollout = take(worker) {
            do {
                try collect(rollout, worker: worker, into: slots)
            } catch {
                fail(error)
                return
            }
            agent.computeGradient(worker: worker, from: buffer, slots: slots)
            apply(rollout, worker: worker)
        }
    }

    /// Steps `worker`'s environment for one rollout, storing each transition in `slots`.
    private func collect(_ rollout: Int, worker: Int, into slots: Range<Int>) throws {
        let environment = environments[worker], observation = observations[worker]
        for (offset, slot) in slots.enumerated() {
            let step = rollout * rolloutLength + offset + 1
            let action = agent.explore(worker: worker, observation)
            try action.requireFinite(step: step, agent: agent.name)
            let result = try environment.step(Array(UnsafeBufferPointer(start: action.values, count: action.columns)))
            guard result.reward.isFinite else {
                throw AgentError.diverged(step: step, agent: agent.name, quantity: "the reward of worker \(worker)'s environment")
            }
            result.observation.withUnsafeBufferPointer { next in
                buffer.store(at: slot, observation: observation.values, action: action.values, reward: result.reward,
                             nextObservation: next.baseAddress!, terminated: result.terminated, truncated: result.truncated,
                             stream: worker)
            }
            var next = result.observation
            if let record = runningEpisodes.add(result.reward, copy: worker, done: result.isDone, step: step, wallTime: clock) {
                condition.lock()
                episodes.append((rollout, record))
                condition.unlock()
                next = try environment.reset(seed: nil).observation
            }
            next.withUnsafeBufferPointer { observation.values.update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    /// Applies `worker`'s update of `rollout` to the shared parameters: deterministically only
    /// once every earlier rollout is applied.
    private func apply(_ rollout: Int, worker: Int) {
        condition.lock()
        defer { condition.unlock() }
        while agent.deterministic && appliedPrefix != rollout && failure == nil { condition.wait() }
        guard failure == nil else { return }
        let learned = agent.applyGradient(worker: worker)
        do {
            try learned.requireFinite(step: (rollout + 1) * rolloutLength, agent: agent.name)
        } catch {
            failure = error
            condition.broadcast()
            return
        }
        measurements[rollout] = learned
        appliedAhead.insert(rollout)
        while appliedAhead.remove(appliedPrefix) != nil { appliedPrefix += 1 }
        condition.broadcast()
    }
}
