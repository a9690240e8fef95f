import GaitCore
import GaitEnvs
import GaitNN
import Testing
@testable import GaitAgents

/// A3C: each worker's update is A2C's, deterministic mode repeats and resumes runs exactly, and
/// the trainer refuses what A3C cannot do.
@Suite("A3C")
struct A3CTests {
    private static let small: [String: Double] = ["n_steps": 8, "normalize_rewards": 0, "hidden_size": 16, "max_grad_norm": 0]

    @Test("a worker's gradient and the shared update equal A2C's on the same rollout")
    func workerGradientIsA2CGradient() throws {
        let (a2c, a3c) = (try A2CAgent(observationSize: 3, actionSize: 2, overrides: Self.small, seed: 5),
                          try A3CAgent(observationSize: 3, actionSize: 2, overrides: Self.small.merging(["workers": 3]) { $1 }, seed: 5))
        let (single, slots) = (ExperienceBuffer(capacity: 8, observationSize: 3, actionSize: 2),
                               ExperienceBuffer(capacity: 24, observationSize: 3, actionSize: 2))
        var random = RandomSource(seed: 2)
        for row in 0..<8 {
            let (x, a) = ((0..<3).map { _ in Float(random.uniform(-1...1)) }, (0..<2).map { _ in Float(random.uniform(-1...1)) })
            let (reward, next, end) = (random.uniform(-1...1), x.map { $0 * 0.9 }, row == 4)
            single.append(observation: x, action: a, reward: reward, nextObservation: next, terminated: end, truncated: false, stream: 1)
            x.withUnsafeBufferPointer { x in
                a.withUnsafeBufferPointer { a in
                    next.withUnsafeBufferPointer { next in
                        slots.store(at: 8 + row, observation: x.baseAddress!, action: a.baseAddress!, reward: reward,
                                    nextObservation: next.baseAddress!, terminated: end, truncated: false, stream: 1)
                    }
                }
            }
        }
        a2c.prepare(copies: 1, totalSteps: 8)
        let learned = try #require(a2c.learn(from: single, totalSteps: 8))
        a3c.computeGradient(worker: 1, from: slots, slots: 8..<16)
        let worker = a3c.locals[1].model
        #expect(Array(worker.actor.gradients) == Array(a2c.model.actor.gradients))
        #expect(Array(worker.logStd.gradients) == Array(a2c.model.logStd.gradients))
        #expect(Array(worker.critic!.gradients) == Array(a2c.model.critic!.gradients))
        #expect(a3c.applyGradient(worker: 1) == learned)
        #expect(Array(a3c.model.actor.parameters) == Array(a2c.model.actor.parameters))
        #expect(Array(worker.actor.parameters) == Array(a2c.model.actor.parameters), "the worker refreshed its copy")
        #expect(Array(a3c.locals[0].model.actor.parameters) != Array(a2c.model.actor.parameters), "other workers kept theirs")
    }

    /// The records of training for `steps` steps, asking for a stop once a record at `stopAfter`
    /// or later came and then training on to the end.
    private func train(_ overrides: [String: Double], steps: Int, stopAfter: Int? = nil) throws -> [String] {
        let spec = try registry.spec("pendulum")
        let agent = try AgentRegistry.builtin.make("a3c", observationSize: 3, actionSize: 1, overrides: overrides, seed: 4)
        let trainer = try Trainer(spec: spec, agent: agent, settings: .init(seed: 4, evaluationInterval: 500, evaluationEpisodes: 1,
                                                                            logInterval: 100))
        var records: [String] = []
        let report = { (record: TrainingRecord) in
            var values = record.values
            values["steps_per_second"] = nil
            records.append("\(record.step) \(values)")
        }
        if let stopAfter {
            var stop = false
            let finished = try trainer.train(until: steps, report: { record in
                report(record)
                stop = stop || record.step >= stopAfter
            }, shouldStop: { stop })
            #expect(!finished && trainer.steps >= stopAfter && trainer.steps < steps)
        }
        try trainer.train(until: steps, report: report)
        #expect(trainer.steps == (steps + 15) / 16 * 16)
        return records
    }

    @Test("deterministic mode repeats a run bit for bit, with more workers than cores")
    func deterministicRepeats() throws {
        let overrides: [String: Double] = ["n_steps": 16, "hidden_size": 16, "workers": 5, "deterministic": 1, "normalize_rewards": 1]
        let first = try train(overrides, steps: 1_500)
        #expect(first == (try train(overrides, steps: 1_500)))
        #expect(first.filter { $0.contains("episode_return") }.count == 5 && first.contains { $0.contains("eval_return") })
        #expect(first.filter { $0.contains("gradient_norm") }.count == 15)
    }

    @Test("deterministic mode stopped within a stretch of rollouts goes on as if it had not stopped")
    func deterministicStopContinues() throws {
        let overrides: [String: Double] = ["n_steps": 16, "hidden_size": 16, "workers": 3, "deterministic": 1]
        let straight = try train(overrides, steps: 1_500)
        for stop in [200, 480] { #expect(try train(overrides, steps: 1_500, stopAfter: stop) == straight) }
    }

    @Test("asynchronous mode trains every worker and reports in step order")
    func asynchronousRuns() throws {
        let records = try train(["n_steps": 16, "hidden_size": 16, "workers": 3], steps: 1_000)
        let steps = records.map { Int($0.prefix { $0 != " " })! }
        #expect(steps == steps.sorted() && records.filter { $0.contains("gradient_norm") }.count == 10)
    }

    @Test("its workers step their own copies: more than one environment copy is refused")
    func refusesCopies() throws {
        let agent = try AgentRegistry.builtin.make("a3c", observationSize: 3, actionSize: 1, overrides: ["workers": 2], seed: 1)
        #expect(throws: AgentError.self) {
            _ = try Trainer(spec: try registry.spec("pendulum"), agent: agent, settings: .init(copies: 2))
        }
    }

    @Test("a NaN reward in one worker stops training at its step")
    func nanReward() throws {
        let pendulum = try registry.spec("pendulum")
        let spec = EnvironmentSpec(id: "nan-reward", summary: "pendulum with a NaN reward after 50 steps", maxEpisodeSteps: 200,
                                   observationSize: pendulum.observationSize, actionSize: pendulum.actionSize) { seed, options in
            DivergenceTests.NaNReward(try pendulum.factory(seed, options), after: 50)
        }
        let agent = try AgentRegistry.builtin.make("a3c", observationSize: 3, actionSize: 1,
                                                   overrides: ["n_steps": 10, "workers": 2, "deterministic": 1], seed: 1)
        let trainer = try Trainer(spec: spec, agent: agent, settings: .init(seed: 1, evaluationEpisodes: 0))
        #expect {
            try trainer.train(until: 400, report: { _ in })
        } throws: { error in
            guard case AgentError.diverged(let step, "a3c", let quantity) = error else { return false }
            return quantity.hasPrefix("the reward of worker") && [101, 111].contains(step)
        }
    }
}
