import GaitAgents
import GaitNN
@testable import GaitCLI
@testable import GaitRuns
import Testing

@Suite("Checkpoints of a diverged agent")
struct CheckpointDivergenceTests {
    @Test("a checkpoint with a non-finite tensor is never written: the error names the tensor")
    func nonFiniteTensorIsRefused() throws {
        let agent = try AgentRegistry.builtin.make("td3", observationSize: 3, actionSize: 1, overrides: ["hidden_size": 8], seed: 1)
        var state = StateDictionary()
        agent.save(into: &state)
        var tensor = try #require(state.file.tensors["qf1.2.bias"])
        tensor.values[0] = .infinity
        state.file.tensors["qf1.2.bias"] = tensor
        try agent.restore(from: state)
        let config = RunConfig(gaitVersion: "test", environment: "pendulum", environmentVersion: 1, agent: "td3",
                               settings: try RunSettings(["steps": 10, "eval_every": 10, "eval_episodes": 1, "checkpoint_every": 10]), hyperparameters: [:], created: "now")
        #expect(throws: AgentError.diverged(step: 7, agent: "td3", quantity: "its tensor 'qf1.2.bias'")) {
            try AgentCheckpoint.state(of: agent, config: config, step: 7)
        }
    }
}
