import Foundation
import GaitAgents
import GaitCore
import GaitNN

/// Where a new run starts when it does not start from scratch (`gait train --warm-start`):
/// another run's agent checkpoint, restored whole (networks, optimiser moments, temperature,
/// observation statistics and the agent's own counters, so that an off-policy agent acts with its
/// policy from the first step rather than at random) into an agent for an environment laid out
/// alike. The experience buffer, the step count and the environments start afresh, and an
/// off-policy agent first learns once `learning_starts` steps are in the buffer, as in a new run.
/// It fine-tunes a policy on a related task, such as a humanoid-stand policy on humanoid-getup.
struct WarmStart {
    /// The checkpoint file.
    let url: URL
    /// The configuration of the run that saved it.
    let config: RunConfig
    private let state: StateDictionary

    /// Reads the checkpoint `source` names: a checkpoint file, or a run directory's latest.
    init(_ source: String) throws {
        url = try AgentCheckpoint.url(naming: source)
        state = StateDictionary(try Safetensors(contentsOf: url))
        config = try AgentCheckpoint.config(of: state.file, path: url.path)
    }

    /// Restores the saved agent into `agent`, made to train on `spec` with the new run's
    /// hyperparameters; `registry` knows the environment the checkpoint learned on, when it still
    /// has it.
    func restore(into agent: any Agent, for spec: EnvironmentSpec, registry: EnvironmentRegistry) throws {
        if let trainedOn = try? registry.spec(config.environment) {
            try spec.requireLayout(of: trainedOn, flag: "--warm-start", value: url.path)
        }
        do {
            try agent.restore(from: state)
        } catch {
            throw CLIError.invalidValue(name: "--warm-start", value: url.path, reason: "its \(config.agent) agent does not fit this run (\(error)); "
                                        + "train on an environment laid out as \(config.environment) is, and keep the network sizes it was trained with")
        }
    }
}
