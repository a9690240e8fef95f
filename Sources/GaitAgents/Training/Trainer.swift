import Foundation
import GaitCore
import GaitNN

/// The training loop: steps a (vector) environment with the agent's exploring policy, feeds the
/// shared experience buffer, lets the agent learn at its own cadence, evaluates the
/// deterministic policy every `evaluationInterval` steps on separate environment copies, and
/// reports what it measured. Seeded end to end: the same seed gives the same records (apart
/// from wall time and throughput).
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

    private let environments: VectorEnvironment
    private let evaluator: any Environment
    private let observations: Matrix
    private var episodeReturns: [Double]
    private var episodeLengths: [Int]

    /// Prepares training `agent` on `spec`.
    public init(spec: EnvironmentSpec, agent: any Agent, settings: Settings, options: [String: String] = [:]) throws {
        precondition(settings.copies > 0 && settings.evaluationEpisodes >= 0, "invalid trainer settings")
        self.spec = spec
        self.agent = agent
        self.settings = settings
        buffer = ExperienceBuffer(capacity: agent.bufferCapacity(copies: settings.copies), observationSize: spec.observationSize,
                                  actionSize: spec.actionSize)
        environments = try VectorEnvironment(spec: spec, count: settings.copies, options: options)
        evaluator = try spec.make(options: options)
        observations = Matrix(rows: settings.copies, columns: spec.observationSize)
        episodeReturns = [Double](repeating: 0, count: settings.copies)
        episodeLengths = [Int](repeating: 0, count: settings.copies)
        for (copy, start) in environments.reset(seed: settings.seed).enumerated() { setObservation(copy, start.observation) }
    }

    /// The seed of evaluation episode i is this plus i (fixed, so evaluations compare).
    public var evaluationSeed: UInt64 { settings.seed &+ 1_000_003 }

    private func setObservation(_ copy: Int, _ values: [Float]) {
        values.withUnsafeBufferPointer { (observations.values + copy * spec.observationSize).update(from: $0.baseAddress!, count: $0.count) }
    }

    /// Evaluates the deterministic policy now.
    public func evaluate() throws -> Evaluation {
        try Evaluation.run(agent, on: evaluator, episodes: settings.evaluationEpisodes, seed: evaluationSeed)
    }

    /// Trains until `totalSteps` environment steps, calling `report` with each record.
    public func train(until totalSteps: Int, report: (TrainingRecord) -> Void) throws {
        agent.prepare(copies: settings.copies, totalSteps: totalSteps)
        let start = ContinuousClock.now
        var lastLog = (step: steps, time: start)
        var latestLearning: Info?
        func elapsed() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let copies = settings.copies, actionSize = spec.actionSize
        while steps < totalSteps {
            let actions = agent.act(observations, explore: true)
            let results = try environments.step((0..<copies).map { copy in
                Array(UnsafeBufferPointer(start: actions.values + copy * actionSize, count: actionSize))
            })
            for (copy, step) in results.enumerated() {
                let next = step.final?.observation ?? step.result.observation
                next.withUnsafeBufferPointer { nextObservation in
                    buffer.append(observation: observations.values + copy * spec.observationSize,
                                  action: actions.values + copy * actionSize, reward: step.result.reward,
                                  nextObservation: nextObservation.baseAddress!, terminated: step.result.terminated,
                                  truncated: step.result.truncated, stream: copy)
                }
                episodeReturns[copy] += step.result.reward
                episodeLengths[copy] += 1
                setObservation(copy, step.result.observation)
                if step.result.isDone {
                    report(TrainingRecord(step: steps + copy + 1, wallTime: elapsed(), values: Info([
                        "episode_return": episodeReturns[copy], "episode_length": Double(episodeLengths[copy]),
                    ])))
                    episodeReturns[copy] = 0
                    episodeLengths[copy] = 0
                }
            }
            let before = steps
            steps += copies
            if let learned = agent.learn(from: buffer, totalSteps: steps) { latestLearning = learned }
            if steps / settings.logInterval > before / settings.logInterval {
                let now = ContinuousClock.now
                let seconds = (now - lastLog.time).components
                var values = latestLearning ?? Info()
                values["steps_per_second"] = Double(steps - lastLog.step)
                    / (Double(seconds.seconds) + Double(seconds.attoseconds) * 1e-18)
                report(TrainingRecord(step: steps, wallTime: elapsed(), values: values))
                lastLog = (steps, now)
            }
            if settings.evaluationEpisodes > 0, steps / settings.evaluationInterval > before / settings.evaluationInterval {
                let evaluation = try evaluate()
                report(TrainingRecord(step: steps, wallTime: elapsed(), values: Info([
                    "eval_return": evaluation.mean, "eval_std": evaluation.standardDeviation,
                ])))
            }
        }
    }
}
