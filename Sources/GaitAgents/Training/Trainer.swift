import Foundation
import GaitCore
import GaitNN

/// The training loop: steps a (vector) environment with the agent's exploring policy, feeds the
/// shared experience buffer, lets the agent learn at its own cadence, evaluates the
/// deterministic policy every `evaluationInterval` steps on separate environment copies, and
/// reports what it measured. Seeded end to end: the same seed gives the same records (apart
/// from wall time and throughput).
///
/// An asynchronous agent (A3C) steps its environment copies itself, one worker thread each (see
/// `AsynchronousPhase`); its records are the same kinds, and only its deterministic mode repeats
/// them exactly.
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
    public let buffer: ExperienceBuffer
    /// Environment steps taken so far.
    public private(set) var steps = 0
    /// How often the agent learned (its `learn` returned measurements) in this process.
    public private(set) var learningUpdates = 0

    private let environments: EnvironmentCopies
    /// Environment copies: the settings' copies, or one per worker of an asynchronous agent.
    private let copies: Int
    private let evaluator: any Environment
    private let observations: Matrix
    private let runningEpisodes: EpisodeTally
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
        self.spec = spec
        self.agent = agent
        self.settings = settings
        copies = asynchronous?.workers ?? settings.copies
        let capacity = agent.bufferCapacity(copies: settings.copies)
        try MemoryBudget.require(ExperienceBuffer.estimatedBytes(capacity: capacity, observationSize: spec.observationSize,
                                                                 actionSize: spec.actionSize),
                                 for: "an experience buffer of \(capacity) transitions",
                                 advice: "Lower buffer_size (off-policy agents), the rollout length or the number of copies (on-policy agents).")
        buffer = ExperienceBuffer(capacity: capacity, observationSize: spec.observationSize, actionSize: spec.actionSize)
        environments = try EnvironmentCopies(spec: spec, count: copies, options: options, separate: asynchronous != nil)
        evaluator = try spec.make(options: options)
        observations = Matrix(rows: copies, columns: spec.observationSize)
        runningEpisodes = EpisodeTally(copies: copies)
        for (copy, start) in try environments.reset(seed: settings.seed).enumerated() { setObservation(copy, start) }
    }

    /// Training advances in steps of this many environment steps (the copies step together; an
    /// asynchronous agent's workers take whole rollouts), so it may end that many steps, less
    /// one, past its plan.
    public var stepGranularity: Int { (agent as? any AsynchronousAgent)?.rolloutLength ?? copies }

    /// The seed of evaluation episode i is this plus i (fixed, so evaluations compare).
    public var evaluationSeed: UInt64 { settings.seed &+ 1_000_003 }

    private func setObservation(_ copy: Int, _ values: [Float]) {
        values.withUnsafeBufferPointer { (observations.values + copy * spec.observationSize).update(from: $0.baseAddress!, count: $0.count) }
    }

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
        if let asynchronous = agent as? any AsynchronousAgent {
            return try train(asynchronous, until: stepLimit, clock: elapsed, report: report, shouldStop: shouldStop)
        }
        guard case .vector(let environments) = environments else { preconditionFailure("a synchronous agent steps a vector environment") }
        var log = ThroughputLog(interval: settings.logInterval, step: steps, time: earlier)
        let copies = copies, actionSize = spec.actionSize
        while steps < stepLimit {
            if shouldStop() { return false }
            let actions = agent.act(observations, explore: true)
            try actions.requireFinite(step: steps, agent: agent.name)
            let results = try environments.step((0..<copies).map { copy in
                Array(UnsafeBufferPointer(start: actions.values + copy * actionSize, count: actionSize))
            })
            for (copy, step) in results.enumerated() {
                guard step.result.reward.isFinite else {
                    throw AgentError.diverged(step: steps + copy + 1, agent: agent.name, quantity: "the reward of environment copy \(copy)")
                }
                let next = step.final?.observation ?? step.result.observation
                next.withUnsafeBufferPointer { nextObservation in
                    buffer.append(observation: observations.values + copy * spec.observationSize,
                                  action: actions.values + copy * actionSize, reward: step.result.reward,
                                  nextObservation: nextObservation.baseAddress!, terminated: step.result.terminated,
                                  truncated: step.result.truncated, stream: copy)
                }
                setObservation(copy, step.result.observation)
                if let episode = runningEpisodes.add(step.result.reward, copy: copy, done: step.result.isDone, step: steps + copy + 1,
                                                     wallTime: elapsed) {
                    report(episode)
                }
            }
            let before = steps
            steps += copies
            if let learned = agent.learn(from: buffer, totalSteps: steps) {
                try learned.requireFinite(step: steps, agent: agent.name)
                pendingLearning = learned
                learningUpdates += 1
            }
            try evaluateIfDue(after: before, clock: elapsed, report: report)
            if let record = log.record(at: steps, after: before, time: elapsed(), values: pendingLearning ?? Info()) {
                pendingLearning = nil
                report(record)
            }
        }
        return true
    }

    /// Trains an asynchronous agent in stretches that end at each evaluation (see `train(until:)`).
    private func train(_ agent: any AsynchronousAgent, until stepLimit: Int, clock: @escaping @Sendable () -> Double,
                       report: (TrainingRecord) -> Void, shouldStop: () -> Bool) throws -> Bool {
        guard case .separate(let environments) = environments else { preconditionFailure("asynchronous workers step separate copies") }
        let length = agent.rolloutLength
        while steps < stepLimit {
            if shouldStop() { return false }
            var target = stepLimit
            if settings.evaluationEpisodes > 0 {
                target = min(target, (steps / settings.evaluationInterval + 1) * settings.evaluationInterval)
            }
            let phase = AsynchronousPhase(agent: agent, environments: environments, buffer: buffer, observations: observations,
                                          runningEpisodes: runningEpisodes, completedRollouts: steps / length, rolloutLimit: (target + length - 1) / length,
                                          logInterval: settings.logInterval, clock: clock)
            let before = steps
            let finished = try phase.run(report: report, progress: { steps = $0 }, shouldStop: shouldStop)
            steps = phase.completedRollouts * length
            phase.copyObservations(into: observations)
            learningUpdates += (steps - before) / length
            if !finished { return false }
            try evaluateIfDue(after: before, clock: clock, report: report)
        }
        return true
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
        runningEpisodes.save(into: &state)
        state.set("trainer.observations", observations.values, count: observations.count,
                  shape: [observations.rows, observations.columns])
        for (copy, snapshot) in environments.snapshots().enumerated() {
            let names = snapshot.parts.map(\.name)
            state.set("trainer.environment.\(copy).parts", text: String(decoding: try! JSONEncoder().encode(names), as: UTF8.self))
            for part in snapshot.parts { state.set("trainer.environment.\(copy).\(part.name)", numbers: part.values) }
        }
        if let pendingLearning {
            state.set("trainer.latest_learning.keys", text: pendingLearning.keys.joined(separator: ","))
            state.set("trainer.latest_learning.values", numbers: pendingLearning.values)
        }
        buffer.save(into: &state, as: "buffer")
    }

    /// Continues from a training state saved by `save(into:)` with the same settings (restore
    /// the agent separately).
    public func restore(from state: StateDictionary) throws {
        let snapshots = try (0..<copies).map { copy in
            let key = "trainer.environment.\(copy)"
            guard let names = try? JSONDecoder().decode([String].self, from: Data(try state.text("\(key).parts").utf8)) else {
                throw CheckpointError.corrupted(path: "the training state", reason: "'\(key).parts' is not a list of snapshot part names")
            }
            return EnvironmentSnapshot(parts: try names.map { name throws(CheckpointError) in
                EnvironmentSnapshot.Part(name: name, values: try state.numbers("\(key).\(name)"))
            })
        }
        try environments.restore(snapshots)
        try buffer.restore(from: state, as: "buffer")
        let saved = try state.floats("trainer.observations", count: observations.count)
        saved.withUnsafeBufferPointer { observations.values.update(from: $0.baseAddress!, count: $0.count) }
        try runningEpisodes.restore(from: state)
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
