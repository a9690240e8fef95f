import Foundation
import GaitCore
import GaitNN

/// The training loop: steps a (vector) environment with the agent's exploring policy, feeds the
/// shared experience buffer, lets the agent learn at its own cadence, evaluates the
/// deterministic policy every `evaluationInterval` steps on separate environment copies, and
/// reports what it measured. Seeded end to end: the same seed gives the same records (apart
/// from wall time and throughput).
///
/// How the agent gathers experience and learns is its `TrainingDriver`'s: an asynchronous agent
/// (A3C) steps its environment copies itself, one worker thread each (see `AsynchronousDriver`);
/// its records are the same kinds, and only its deterministic mode repeats them exactly.
public final class Trainer {
    /// How training is run.
    public struct Settings: Sendable {
        public var copies: Int
        public var seed: UInt64
        public var evaluationInterval: Int
        public var evaluationEpisodes: Int
        /// Environment steps between throughput and loss records.
        public var logInterval: Int

        public init(copies: Int = 1, seed: UInt64 = 0, evaluationInterval: Int = 10_000, evaluationEpisodes: Int = 10,
                    logInterval: Int = 1_000) {
            self.copies = copies
            self.seed = seed
            self.evaluationInterval = evaluationInterval
            self.evaluationEpisodes = evaluationEpisodes
            self.logInterval = logInterval
        }
    }

    public let spec: EnvironmentSpec
    public let agent: any Agent
    public let settings: Settings
    /// The experience buffer the agent learns from.
    public var buffer: ExperienceBuffer { copies.buffer }
    /// Environment steps taken so far.
    public private(set) var steps = 0
    /// How often the agent learned (its `learn` returned measurements) in this process.
    public private(set) var learningUpdates = 0

    /// Acts, steps, stores and learns.
    private let driver: any TrainingDriver
    private let evaluator: any Environment
    /// The buffer, and each environment copy's current observation and running episode, shared
    /// with the driver.
    private let copies: CopiesState
    /// What the agent measured when it last learned, until a log record reports it (so that a
    /// record without a fresh update has no losses instead of repeating old ones).
    private var pendingLearning: Info?
    /// Seconds spent training so far (the `wallTime` of records), across resumes.
    public private(set) var activeSeconds = 0.0
    /// Called just before each periodic evaluation (for a progress display).
    public var willEvaluate: (() -> Void)?

    /// Prepares training `agent` on `spec`.
    public init(spec: EnvironmentSpec, agent: any Agent, settings: Settings, options: [String: String] = [:]) throws {
        precondition(settings.copies > 0 && settings.evaluationEpisodes >= 0, "invalid trainer settings")
        let asynchronous = agent as? any AsynchronousAgent
        if asynchronous != nil && settings.copies != 1 {
            throw AgentError.invalidHyperparameter(name: "envs", reason: "\(agent.name)'s workers each step an environment copy "
                                                   + "of their own; leave envs at 1 and set their number with --set workers=N")
        }
        try agent.check(copies: settings.copies)
        self.spec = spec
        self.agent = agent
        self.settings = settings
        let count = asynchronous?.workers ?? settings.copies
        let capacity = agent.bufferCapacity(copies: settings.copies)
        let bufferBytes = ExperienceBuffer.estimatedBytes(capacity: capacity, observationSize: spec.observationSize,
                                                          actionSize: spec.actionSize)
        try MemoryBudget.require(bufferBytes + agent.networkMemory,
                                 for: "an experience buffer of \(capacity) transitions" + (agent.networkMemory > 0
                                     ? " (\(AgentError.size(bufferBytes))) beside the agent's networks (\(AgentError.size(agent.networkMemory)))" : ""),
                                 advice: "Lower buffer_size (off-policy agents), the rollout length or the number of copies (on-policy agents)"
                                     + (agent.networkMemory > 0 ? ", or the networks' hidden_size." : "."))
        evaluator = try spec.make(options: options)
        let buffer = ExperienceBuffer(capacity: capacity, observationSize: spec.observationSize, actionSize: spec.actionSize)
        let copies = CopiesState(buffer: buffer, observations: Matrix(rows: count, columns: spec.observationSize),
                                 runningEpisodes: EpisodeTally(copies: count))
        self.copies = copies
        if let asynchronous {
            driver = AsynchronousDriver(agent: asynchronous, environments: try (0..<count).map { _ in try spec.make(options: options) },
                                        copies: copies)
        } else {
            driver = SynchronousDriver(agent: agent, environments: try VectorEnvironment(spec: spec, count: count, options: options),
                                       copies: copies)
        }
        for (copy, start) in try driver.reset(seed: settings.seed).enumerated() {
            start.withUnsafeBufferPointer {
                (copies.observations.values + copy * spec.observationSize).update(from: $0.baseAddress!, count: $0.count)
            }
        }
    }

    /// Training advances in steps of this many environment steps (the copies step together; an
    /// asynchronous agent's workers take whole rollouts), so it may end that many steps, less
    /// one, past its plan.
    public var stepGranularity: Int { driver.granularity }

    /// The seed of evaluation episode i is this plus i (fixed, so evaluations compare).
    public var evaluationSeed: UInt64 { settings.seed &+ 1_000_003 }

    /// Evaluates the deterministic policy now (`episodes` episodes, default the settings'),
    /// handing each episode to `recording` when given and stopping when `shouldStop` says so
    /// (see `Evaluation.run`).
    public func evaluate(episodes: Int? = nil, recording: ((Episode) -> Void)? = nil,
                         shouldStop: () -> Bool = { false }) throws -> Evaluation {
        let environment = recording.map { EpisodeRecorder(evaluator, spec: spec, onEpisodeEnd: $0) } ?? evaluator
        return try Evaluation.run(agent, on: environment, episodes: episodes ?? settings.evaluationEpisodes, seed: evaluationSeed,
                                  shouldStop: shouldStop)
    }

    /// Trains until `stepLimit` environment steps (or until `shouldStop` says so, checked after
    /// every step), calling `report` with each record. Training can continue with a later call;
    /// `plannedSteps` (default `stepLimit`) is the whole run's length, for the agent's schedules.
    /// Returns whether `stepLimit` was reached.
    @discardableResult
    public func train(until stepLimit: Int, plannedSteps: Int? = nil, report: (TrainingRecord) -> Void,
                      shouldStop: () -> Bool = { false }) throws -> Bool {
        agent.prepare(copies: settings.copies, totalSteps: plannedSteps ?? stepLimit)
        let start = ContinuousClock.now
        let earlier = activeSeconds
        defer { activeSeconds = earlier + (ContinuousClock.now - start).inSeconds }
        let elapsed: @Sendable () -> Double = { earlier + (ContinuousClock.now - start).inSeconds }
        var log = ThroughputLog(interval: settings.logInterval, step: steps, time: earlier)
        while steps < stepLimit {
            let before = steps
            let pause = nextPause(before: stepLimit)
            let advance = try driver.advance(from: steps, toward: min(pause, (steps / settings.logInterval + 1) * settings.logInterval),
                                             pausingAt: pause, clock: elapsed, report: report, shouldStop: shouldStop)
            steps = advance.steps
            learningUpdates += advance.updates
            pendingLearning = advance.learned ?? pendingLearning
            try evaluateIfDue(after: before, clock: elapsed, report: report)
            if let record = log.record(at: steps, after: before, time: elapsed(), values: pendingLearning ?? Info()) {
                pendingLearning = nil
                report(record)
            }
            if !advance.finished { return false }
        }
        return true
    }

    /// The next step at which the agent must be still: the next evaluation or `stepLimit`.
    private func nextPause(before stepLimit: Int) -> Int {
        guard settings.evaluationEpisodes > 0 else { return stepLimit }
        return min(stepLimit, (steps / settings.evaluationInterval + 1) * settings.evaluationInterval)
    }

    /// Evaluates and reports when the steps since `before` crossed a multiple of the evaluation
    /// interval.
    private func evaluateIfDue(after before: Int, clock: () -> Double, report: (TrainingRecord) -> Void) throws {
        guard settings.evaluationEpisodes > 0, steps / settings.evaluationInterval > before / settings.evaluationInterval else { return }
        willEvaluate?()
        let evaluation = try evaluate()
        report(TrainingRecord(step: steps, wallTime: clock(), values: Info([
            "eval_return": evaluation.mean, "eval_std": evaluation.standardDeviation,
        ])))
    }

    /// Saves the training state (not the agent's): counters, each copy's environment state,
    /// current observation and running episode, and the experience buffer.
    public func save(into state: inout StateDictionary) {
        state.set("trainer.steps", number: Double(steps))
        state.set("trainer.wall_time", number: activeSeconds)
        copies.runningEpisodes.save(into: &state)
        let observations = copies.observations
        state.set("trainer.observations", observations.values, count: observations.count,
                  shape: [observations.rows, observations.columns])
        for (copy, snapshot) in driver.snapshots().enumerated() {
            let names = snapshot.parts.map(\.name)
            state.set("trainer.environment.\(copy).parts", text: String(decoding: try! JSONEncoder().encode(names), as: UTF8.self))
            for part in snapshot.parts { state.set("trainer.environment.\(copy).\(part.name)", numbers: part.values) }
        }
        if let pendingLearning {
            state.set("trainer.latest_learning.keys", text: pendingLearning.keys.joined(separator: ","))
            state.set("trainer.latest_learning.values", numbers: pendingLearning.values)
        }
        buffer.save(into: &state, as: Self.bufferPrefix)
    }

    /// Begins with the experience buffer of another run's training state (saved by
    /// `save(into:)`), each stream ended there, since this run's episodes start afresh: a warm
    /// start's `--warm-start-buffer`. The buffer must be as large as the other run's.
    public func beginWithBuffer(of state: StateDictionary) throws(CheckpointError) {
        try buffer.restore(from: state, as: Self.bufferPrefix)
        buffer.endStreams()
    }

    /// The name under which `save(into:)` keeps the experience buffer.
    private static let bufferPrefix = "buffer"

    /// Continues from a training state saved by `save(into:)` with the same settings (restore
    /// the agent separately).
    public func restore(from state: StateDictionary) throws {
        let snapshots = try (0..<copies.observations.rows).map { copy in
            let key = "trainer.environment.\(copy)"
            guard let names = try? JSONDecoder().decode([String].self, from: Data(try state.text("\(key).parts").utf8)) else {
                throw CheckpointError.corrupted(path: "the training state", reason: "'\(key).parts' is not a list of snapshot part names")
            }
            return EnvironmentSnapshot(parts: try names.map { name throws(CheckpointError) in
                EnvironmentSnapshot.Part(name: name, values: try state.numbers("\(key).\(name)"))
            })
        }
        try driver.restore(snapshots)
        try buffer.restore(from: state, as: Self.bufferPrefix)
        let saved = try state.floats("trainer.observations", count: copies.observations.count)
        saved.withUnsafeBufferPointer { copies.observations.values.update(from: $0.baseAddress!, count: $0.count) }
        try copies.runningEpisodes.restore(from: state)
        steps = try state.int("trainer.steps")
        activeSeconds = try state.number("trainer.wall_time")
        if let keys = try? state.text("trainer.latest_learning.keys") {
            let names = keys.split(separator: ",").map(String.init)
            let values = try state.numbers("trainer.latest_learning.values", count: names.count, allowingNonFinite: true)
            var info = Info()
            for (name, value) in zip(names, values) { info[name] = value }
            pendingLearning = info
        }
    }
}
