import Foundation
import GaitAgents
import GaitCore
import GaitNN

/// An agent checkpoint, `checkpoints/<step>.safetensors`: the agent's whole state (networks
/// under PyTorch-style names, optimiser moments, statistics) with the run configuration, the
/// step and the policy head in the metadata, so that the file alone is enough to rebuild and
/// evaluate the agent, and to compute its policy outside Gait.
package enum AgentCheckpoint {
    static let configKey = "gait.config", stepKey = "gait.step", kindKey = "gait.kind", policyKey = "gait.policy"

    /// Saves `agent` after `step` steps of the run configured by `config`.
    static func write(_ agent: any Agent, config: RunConfig, step: Int, to url: URL) throws {
        try state(of: agent, config: config, step: step).file.write(to: url)
    }

    /// What a checkpoint of `agent` after `step` steps of the run configured by `config` holds.
    /// A tensor that is not finite everywhere is `AgentError.diverged`, so that a diverged agent
    /// never replaces the last good checkpoint.
    package static func state(of agent: any Agent, config: RunConfig, step: Int) throws -> StateDictionary {
        var state = StateDictionary()
        agent.save(into: &state)
        for (name, tensor) in state.file.tensors.sorted(by: { $0.key < $1.key }) where !tensor.values.allSatisfy(\.isFinite) {
            throw AgentError.diverged(step: step, agent: agent.name, quantity: "its tensor '\(name)'")
        }
        state.set(kindKey, text: "agent")
        state.set(configKey, text: String(decoding: try config.encoded(), as: UTF8.self))
        state.set(stepKey, number: Double(step))
        state.set(policyKey, text: try CommandContext.agents.spec(config.agent).policy.json)
        return state
    }

    /// The checkpoint file `source` names: itself, or a run directory's latest.
    package static func url(naming source: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw CLIError.io(path: source, reason: "no such run directory or checkpoint file")
        }
        guard isDirectory.boolValue else { return URL(fileURLWithPath: source) }
        let run = try RunDirectory(existing: source)
        guard let latest = run.checkpointSteps().last else {
            throw CLIError.notARun(path: source, reason: "it has no checkpoints yet")
        }
        return run.checkpoint(step: latest)
    }

    /// Rebuilds the agent saved in `url`, with its run configuration and step.
    package static func read(_ url: URL) throws -> (agent: any Agent, config: RunConfig, step: Int) {
        try read(StateDictionary(try Safetensors(contentsOf: url)), path: url.path, registry: CommandContext.registry())
    }

    /// The bytes of the agent checkpoint at `url` once they pass every check `read` makes: an
    /// intact safetensors file (see `Safetensors(contentsOf:)`), a valid run configuration
    /// inside, finite tensors and, when `registry` has its environment, an agent state (networks,
    /// statistics, step) that restores. For readers outside Swift, which compute the policy from
    /// the head the checkpoint names: a checkpoint saved before checkpoints named it gets its
    /// agent's; one of an agent `agents` does not have must name a valid head (its agent's plugin
    /// is not here to restore it).
    package static func checkedBytes(_ url: URL, registry: EnvironmentRegistry, agents: AgentRegistry) throws -> Data {
        let data = try Safetensors.bytes(contentsOf: url)
        var file = try Safetensors(decoding: data, path: url.path)
        let config = try config(of: file, path: url.path)
        guard let agent = try? agents.spec(config.agent) else {
            guard let head = file.metadata[policyKey], (try? JSONDecoder().decode(PolicyHead.self, from: Data(head.utf8))) != nil else {
                throw CLIError.badFile(path: url.path, reason: "its agent '\(config.agent)' is not one this library serves (\(agents.names.joined(separator: ", "))) "
                                       + "and it names no valid policy head; load it with the library of the package that provides the agent")
            }
            return data
        }
        if registry.ids.contains(config.environment) {
            _ = try read(StateDictionary(file), path: url.path, registry: registry, agents: agents)
        }
        guard file.metadata[policyKey] == nil else { return data }
        file.metadata[policyKey] = agent.policy.json
        return file.encoded()
    }

    /// The run configuration saved in the agent checkpoint `file`, read from `path`, validated,
    /// once every tensor is known to be finite.
    static func config(of file: Safetensors, path: String) throws -> RunConfig {
        guard file.metadata[kindKey] == "agent", let json = file.metadata[configKey] else {
            throw CLIError.badFile(path: path, reason: "not a Gait agent checkpoint (no run configuration inside)")
        }
        let config: RunConfig
        do {
            config = try JSONDecoder().decode(RunConfig.self, from: Data(json.utf8))
        } catch {
            throw CLIError.badFile(path: path, reason: "its run configuration is unusable (\(RunConfig.reason(error))); it may have been edited or damaged")
        }
        for (name, tensor) in file.tensors.sorted(by: { $0.key < $1.key }) where !tensor.values.allSatisfy(\.isFinite) {
            throw CLIError.badFile(path: path, reason: "its tensor '\(name)' holds NaN or infinite values; use an earlier checkpoint")
        }
        return config
    }

    /// Rebuilds the agent saved in `state`, read from `path`, for an environment of `registry`,
    /// one of `agents`.
    package static func read(_ state: StateDictionary, path: String, registry: EnvironmentRegistry,
                             agents: AgentRegistry? = nil) throws -> (agent: any Agent, config: RunConfig, step: Int) {
        let config = try config(of: state.file, path: path)
        let spec = try registry.spec(config.environment)
        let agent = try (agents ?? CommandContext.agents).make(config.agent, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                    overrides: config.hyperparameters, seed: UInt64(config.settings.seed))
        do {
            try agent.restore(from: state)
        } catch {
            throw CLIError.badFile(path: path, reason: "\(error)")
        }
        return (agent, config, try state.int(stepKey))
    }
}
