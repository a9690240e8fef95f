import Testing
import GaitCore
import GaitEnvs
import GaitNN
@testable import GaitAgents

let registry = try! EnvironmentRegistry(plugins: [BuiltinEnvironments.self])

/// Short runs (a few seconds each): learning must improve on tiny budgets. The full learning
/// results come from `gait-bench learn`.
@Suite("Learning on tiny budgets")
struct LearningTests {
    private func run(_ agent: String, on id: String, steps: Int, overrides: [String: Double], copies: Int = 1,
                     seed: UInt64 = 1) throws -> (before: Double, after: Double, records: [TrainingRecord]) {
        let spec = try registry.spec(id)
        let made = try AgentRegistry.builtin.make(agent, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                                  overrides: overrides, seed: seed)
        let trainer = try Trainer(spec: spec, agent: made, settings: .init(copies: copies, seed: seed, evaluationInterval: steps,
                                                                            evaluationEpisodes: 5, logInterval: steps / 4))
        let before = try trainer.evaluate().mean
        var records: [TrainingRecord] = []
        try trainer.train(until: steps) { records.append($0) }
        return (before, try trainer.evaluate().mean, records)
    }

    @Test("each agent at least halves its evaluation cost", arguments: [
        ("ppo", "lqr", 30_000, ["num_steps": 500.0, "gamma": 0.999]),
        ("a2c", "lqr", 20_000, ["n_steps": 32, "normalize_rewards": 1]),
        ("a3c", "lqr", 20_000, [:]),
        ("a3c", "lqr", 20_000, ["deterministic": 1]),
        ("reinforce", "lqr", 16_000, ["batch_steps": 2_000, "policy_lr": 3e-3]),
        ("sac", "pendulum", 5_000, ["learning_starts": 500, "hidden_size": 64, "batch_size": 64]),
        ("sac", "pendulum", 5_000, ["learning_starts": 500, "hidden_size": 64, "batch_size": 64, "layer_norm": 1,
                                    "normalize_observations": 1]),
        ("td3", "pendulum", 8_000, ["learning_starts": 500, "hidden_size": 64, "batch_size": 64, "learning_rate": 1e-3]),
        ("td3", "pendulum", 8_000, ["learning_starts": 500, "hidden_size": 64, "batch_size": 64, "learning_rate": 1e-3, "n_step": 3]),
        ("ddpg", "pendulum", 5_000, ["learning_starts": 500, "hidden_size": 64, "batch_size": 64, "learning_rate": 1e-3]),
    ])
    func improves(agent: String, id: String, steps: Int, overrides: [String: Double]) throws {
        let (before, after, _) = try run(agent, on: id, steps: steps, overrides: overrides)
        #expect(after > before + 0.5 * abs(before), "\(agent): evaluation return \(before) → \(after)")
    }

    @Test("the same seed gives the same training records bit for bit (twin critics on two threads, two copies)",
          arguments: [("sac", 1), ("ppo", 2)])
    func reproducible(agent: String, copies: Int) throws {
        let overrides: [String: Double] = agent == "sac" ? ["learning_starts": 100, "hidden_size": 32, "batch_size": 32]
            : ["num_steps": 100]
        let first = try run(agent, on: "pendulum", steps: 600, overrides: overrides, copies: copies)
        let second = try run(agent, on: "pendulum", steps: 600, overrides: overrides, copies: copies)
        func measured(_ records: [TrainingRecord]) -> [[String: Double]] {
            records.map { record in
                Dictionary(uniqueKeysWithValues: zip(record.values.keys, record.values.values).filter { $0.0 != "steps_per_second" })
                    .merging(["step": Double(record.step)]) { $1 }
            }
        }
        #expect(measured(first.records) == measured(second.records))
        #expect(first.after == second.after)
        #expect(first.records.contains { $0.values["critic_loss"] != nil || $0.values["value_loss"] != nil })
    }

    @Test("the trainer stores the final observation of a truncated episode, not the next episode's first")
    func truncationKeepsFinalObservation() throws {
        let spec = try registry.spec("pendulum")
        let agent = try AgentRegistry.builtin.make("reinforce", observationSize: 3, actionSize: 1, overrides: ["batch_steps": 400], seed: 1)
        let trainer = try Trainer(spec: spec, agent: agent, settings: .init(seed: 4, evaluationEpisodes: 0))
        try trainer.train(until: 200) { _ in }
        let batch = TransitionBatch(observationSize: 3, actionSize: 1)
        trainer.buffer.latest(200, into: batch)
        #expect(batch.truncated[199] && !batch.terminated[199])
        let environment = try spec.make()
        _ = try environment.reset(seed: 4)
        var last: StepResult?
        for row in 0..<200 { last = try environment.step(Array(batch.actions.elements[row..<row + 1])) }
        #expect(batch.nextObservations.elements[597..<600].elementsEqual(last!.observation))
    }

    /// A buffer of `count` random transitions of 3 observations that decay towards 0.
    static func randomTransitions(_ count: Int, actionSize: Int, seed: UInt64) -> ExperienceBuffer {
        let buffer = ExperienceBuffer(capacity: count, observationSize: 3, actionSize: actionSize)
        var random = RandomSource(seed: seed)
        for _ in 0..<count {
            let x = (0..<3).map { _ in Float(random.uniform(-1...1)) }
            buffer.append(observation: x, action: (0..<actionSize).map { _ in Float(random.uniform(-1...1)) }, reward: random.uniform(-1...0),
                          nextObservation: x.map { $0 * 0.9 }, terminated: false, truncated: false)
        }
        return buffer
    }

    @Test("SAC's temperature starts at initial_alpha and aims at −target_entropy_scale·|A|")
    func temperatureSettings() throws {
        let buffer = Self.randomTransitions(300, actionSize: 2, seed: 4)
        let base: [String: Double] = ["learning_starts": 100, "hidden_size": 16, "batch_size": 16, "policy_frequency": 1]
        let plain = try SACAgent(observationSize: 3, actionSize: 2, overrides: base, seed: 3)
        let halved = try SACAgent(observationSize: 3, actionSize: 2, overrides: base.merging(["target_entropy_scale": 0.5]) { $1 }, seed: 3)
        let cooled = try SACAgent(observationSize: 3, actionSize: 2, overrides: base.merging(["initial_alpha": 0.01]) { $1 }, seed: 3)
        #expect(plain.alpha == 1 && cooled.alpha == 0.01)
        let (first, second) = (try #require(plain.learn(from: buffer, totalSteps: 300)), try #require(halved.learn(from: buffer, totalSteps: 300)))
        // Same draws and networks, so the same log π: the losses −α·(log π − scale·|A|) differ by −α·0.5·|A| = −1.
        let gap = try #require(second["alpha_loss"]) - (try #require(first["alpha_loss"]))
        #expect(abs(gap + 1) < 1e-5, "\(gap)")
        let cooledInfo = try #require(cooled.learn(from: buffer, totalSteps: 300))
        #expect(try #require(cooledInfo["alpha"]) < 0.0101)
    }

    @Test("two agents learn from one buffer without disturbing it or each other")
    func sharedBuffer() throws {
        let buffer = Self.randomTransitions(600, actionSize: 1, seed: 9)
        let snapshot = TransitionBatch(observationSize: 3, actionSize: 1)
        buffer.latest(600, into: snapshot)
        let before = snapshot.observations.elements
        let overrides: [String: Double] = ["learning_starts": 100, "hidden_size": 32, "batch_size": 32]
        let sac = try SACAgent(observationSize: 3, actionSize: 1, overrides: overrides, seed: 1)
        let td3 = try TD3Agent(observationSize: 3, actionSize: 1, overrides: overrides, seed: 1)
        let alone = try SACAgent(observationSize: 3, actionSize: 1, overrides: overrides, seed: 1)
        for step in 601...650 {
            let shared = sac.learn(from: buffer, totalSteps: step)
            _ = td3.learn(from: buffer, totalSteps: step)
            #expect(shared == alone.learn(from: buffer, totalSteps: step), "another learner did not change what SAC saw")
        }
        buffer.latest(600, into: snapshot)
        #expect(snapshot.observations.elements == before)
    }
}
