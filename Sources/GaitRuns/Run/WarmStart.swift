import Foundation
import GaitAgents
import GaitCore
import GaitNN

/// Where a new run starts when it does not start from scratch (`gait train --warm-start`):
/// another run's agent checkpoint, whose learned state (networks, optimiser moments, learned
/// temperature, observation statistics) is restored into an agent for an environment laid out
/// alike. What the new run's seed and hyperparameters decide stays the new run's: the agent's
/// counters, random generators and learning rates, as do the experience buffer, the step count
/// and the environments. So an off-policy agent starts as a new run does, with `learning_starts`
/// steps of random actions, and an on-policy one anneals from its full learning rate. It
/// fine-tunes a policy on a related task, such as a humanoid-stand policy on humanoid-getup.
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

    /// Restores the checkpoint's learned state into `agent`, newly made to train on `spec` with
    /// the new run's seed and hyperparameters; `registry` knows the environment the checkpoint
    /// learned on, when it still has it.
    func restore(into agent: any Agent, for spec: EnvironmentSpec, registry: EnvironmentRegistry) throws {
        if let trainedOn = try? registry.spec(config.environment) {
            try spec.requireLayout(of: trainedOn, flag: "--warm-start", value: url.path)
        }
        var own = StateDictionary()
        agent.save(into: &own)
        var merged = state
        for (key, value) in own.file.metadata where Self.isTheNewRuns(key) { merged.file.metadata[key] = value }
        do {
            try agent.restore(from: merged)
        } catch {
            throw CLIError.invalidValue(name: "--warm-start", value: url.path, reason: "its \(config.agent) agent does not fit this run (\(error)); "
                                        + "train on an environment laid out as \(config.environment) is, and keep the settings that shape the "
                                        + "agent's state as they were (network sizes, layer_norm, normalize_observations, workers)")
        }
    }

    /// Whether an agent state entry is one the new run decides: a counter, a random generator,
    /// a learning rate, or SAC's temperature value (a fixed `alpha`, or with autotuning
    /// recomputed from the learned `log_alpha` at its first update).
    private static func isTheNewRuns(_ key: String) -> Bool {
        ["counters", "random", "alpha"].contains(key) || key.hasSuffix(".random") || key.hasSuffix(".lr")
    }
}
