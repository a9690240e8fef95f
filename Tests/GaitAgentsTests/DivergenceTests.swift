import GaitCore
import GaitEnvs
import GaitNN
import Testing
@testable import GaitAgents

/// Non-finite numbers stop training where they appear, with one error naming the step, the
/// agent and the quantity, instead of surfacing later as a bad action.
@Suite("Divergence")
struct DivergenceTests {
    /// Pendulum whose reward turns NaN after `after` steps.
    final class NaNReward: Wrapper {
        var steps = 0
        let after: Int
        init(_ inner: any Environment, after: Int) {
            self.after = after
            super.init(inner)
        }

        override func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
            var result = try inner.step(action)
            steps += 1
            if steps > after { result.reward = .nan }
            return result
        }
    }

    @Test("a NaN reward stops training at its step, naming the reward")
    func nanReward() throws {
        let pendulum = try registry.spec("pendulum")
        let spec = EnvironmentSpec(id: "nan-reward", summary: "pendulum with a NaN reward after 50 steps", maxEpisodeSteps: 200,
                                   observationSize: pendulum.observationSize, actionSize: pendulum.actionSize) { seed, options in
            NaNReward(try pendulum.factory(seed, options), after: 50)
        }
        let agent = try AgentRegistry.builtin.make("ppo", observationSize: 3, actionSize: 1, overrides: ["num_steps": 64], seed: 1)
        let trainer = try Trainer(spec: spec, agent: agent, settings: .init(seed: 1, evaluationEpisodes: 0))
        #expect(throws: AgentError.diverged(step: 51, agent: "ppo", quantity: "the reward of environment copy 0")) {
            try trainer.train(until: 200, report: { _ in })
        }
    }

    @Test("a NaN weight stops training at the next step, naming the network output")
    func nanWeight() throws {
        let spec = try registry.spec("pendulum")
        let agent = try AgentRegistry.builtin.make("sac", observationSize: 3, actionSize: 1,
                                                   overrides: ["learning_starts": 10, "hidden_size": 8, "batch_size": 4], seed: 1)
        var state = StateDictionary()
        agent.save(into: &state)
        var tensor = try #require(state.file.tensors["actor.0.weight"])
        tensor.values[0] = .nan
        state.file.tensors["actor.0.weight"] = tensor
        try agent.restore(from: state)
        let trainer = try Trainer(spec: spec, agent: agent, settings: .init(seed: 1, evaluationEpisodes: 0))
        // Warm-up actions are random; the first policy action (step 11) is NaN.
        #expect {
            try trainer.train(until: 100, report: { _ in })
        } throws: { error in
            guard case AgentError.diverged(let step, "sac", let quantity) = error else { return false }
            return step == 10 && quantity.contains("network output")
        }
        let message = "\(AgentError.diverged(step: 10, agent: "sac", quantity: "its critic_loss"))"
        #expect(message.hasPrefix("sac diverged at step 10: its critic_loss is not a finite number"))
    }
}
