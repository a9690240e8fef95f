import Testing
import GaitCore
import GaitEnvs
import GaitNN
@testable import GaitAgents

/// Saving an agent and its trainer mid-run and continuing in fresh objects gives the records of a
/// run that never stopped, bit for bit (wall time and throughput aside), for every agent.
@Suite("Saved state continues exactly")
struct ResumeStateTests {
    /// A record without the timing fields, for comparison.
    private func comparable(_ record: TrainingRecord) -> String {
        var values = record.values
        values["steps_per_second"] = nil
        return "\(record.step) \(values)"
    }

    private func make(_ name: String, _ overrides: [String: Double]) throws -> (any Agent, Trainer) {
        let spec = try registry.spec("pendulum")
        let agent = try AgentRegistry.builtin.make(name, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                                   overrides: overrides, seed: 3)
        let copies = agent is any AsynchronousAgent ? 1 : 2
        let trainer = try Trainer(spec: spec, agent: agent, settings: .init(copies: copies, seed: 3, evaluationInterval: 400,
                                                                            evaluationEpisodes: 2, logInterval: 200))
        return (agent, trainer)
    }

    @Test(arguments: [
        ("sac", ["learning_starts": 300.0, "hidden_size": 16, "batch_size": 32, "normalize_observations": 1]),
        ("td3", ["learning_starts": 300, "hidden_size": 16, "batch_size": 32, "layer_norm": 1]),
        ("ddpg", ["learning_starts": 300, "hidden_size": 16, "batch_size": 32, "n_step": 3]),
        ("ppo", ["num_steps": 128, "hidden_size": 16]),
        ("a2c", ["n_steps": 16, "normalize_rewards": 1, "normalize_observations": 1, "hidden_size": 16]),
        ("a3c", ["n_steps": 16, "normalize_rewards": 1, "hidden_size": 16, "workers": 3, "deterministic": 1]),
        ("reinforce", ["batch_steps": 400, "baseline": 2, "normalize_observations": 1, "hidden_size": 16]),
    ])
    func continuesExactly(agent name: String, overrides: [String: Double]) throws {
        let (total, split) = (2_000, 1_100)
        var straight: [String] = []
        let (_, reference) = try make(name, overrides)
        try reference.train(until: total) { straight.append(comparable($0)) }

        var resumed: [String] = []
        let (firstAgent, first) = try make(name, overrides)
        try first.train(until: split, plannedSteps: total) { resumed.append(comparable($0)) }
        var agentState = StateDictionary(), trainerState = StateDictionary()
        firstAgent.save(into: &agentState)
        first.save(into: &trainerState)
        // Through the file format, as a checkpoint goes.
        agentState = StateDictionary(try Safetensors(decoding: agentState.file.encoded()))
        trainerState = StateDictionary(try Safetensors(decoding: trainerState.file.encoded()))

        let (secondAgent, second) = try make(name, overrides)
        try secondAgent.restore(from: agentState)
        try second.restore(from: trainerState)
        try second.train(until: total) { resumed.append(comparable($0)) }
        #expect(resumed == straight)
        #expect(straight.count > 15)
    }

    @Test func anAgentRefusesAnotherAgentsState() throws {
        let (sac, _) = try make("sac", ["hidden_size": 16])
        var state = StateDictionary()
        sac.save(into: &state)
        let (ppo, _) = try make("ppo", ["hidden_size": 16])
        #expect(throws: CheckpointError.self) { try ppo.restore(from: state) }
        let (wider, _) = try make("sac", ["hidden_size": 32])
        #expect(throws: CheckpointError.self) { try wider.restore(from: state) }
    }
}
