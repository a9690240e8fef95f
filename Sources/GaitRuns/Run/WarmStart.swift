import Foundation
import GaitAgents
import GaitCore
import GaitNN

/// Where a new run starts when it does not start from scratch (`gait train --warm-start`):
/// another run's agent checkpoint, whose learned state (networks, optimiser moments, learned
/// temperature, observation statistics) is restored into an agent for an environment laid out
/// alike. What the new run's seed and hyperparameters decide stays the new run's: the agent's
/// counters, random generators and learning rates, as do the step count, the environments and
/// (unless asked for, below) the experience buffer. So an off-policy agent starts as a new run
/// does, with `learning_starts` steps of random actions, and an on-policy one anneals from its
/// full learning rate. It fine-tunes a policy on a related task, such as a humanoid-stand policy
/// on humanoid-getup.
///
/// With `--warm-start-buffer` an off-policy agent's new run also begins with the experience
/// buffer saved beside the checkpoint (a run's latest checkpoint has one), as SB3's
/// `load_replay_buffer` does: its transitions keep the rewards of the task they were collected
/// on, and each stream's last one is marked truncated, since the new run's episodes start afresh.
struct WarmStart {
    /// The checkpoint file.
    let url: URL
    /// The configuration of the run that saved it.
    let config: RunConfig
    private let state: StateDictionary
    /// The training state saved with the checkpoint, whose experience buffer the new run begins
    /// with, or nil when it begins with an empty one.
    private let training: StateDictionary?

    /// Reads the checkpoint `source` names (a checkpoint file, or a run directory's latest) and,
    /// when `buffer`, the training state saved with it.
    init(_ source: String, buffer: Bool = false) throws {
        url = try AgentCheckpoint.url(naming: source)
        state = StateDictionary(try Safetensors(contentsOf: url))
        config = try AgentCheckpoint.config(of: state.file, path: url.path)
        training = buffer ? try Self.trainingState(savedWith: url, step: try state.int(AgentCheckpoint.stepKey)) : nil
    }

    /// The training state of the run whose checkpoint of step `step` is `checkpoint`: only a
    /// run's latest checkpoint has one.
    private static func trainingState(savedWith checkpoint: URL, step: Int) throws -> StateDictionary {
        let run = checkpoint.deletingLastPathComponent().deletingLastPathComponent()
        let saved = try? RunDirectory(existing: run.path)
        guard let saved, saved.checkpoint(step: step).standardizedFileURL == checkpoint.standardizedFileURL,
              FileManager.default.fileExists(atPath: saved.trainingState.path) else {
            throw CLIError.invalidValue(name: "--warm-start-buffer", value: checkpoint.path, reason: "the experience buffer is saved in a "
                                        + "run directory's checkpoints/training-state.safetensors, and this checkpoint has none beside it; "
                                        + "warm-start from the run directory, or leave out --warm-start-buffer")
        }
        let training = StateDictionary(try Safetensors(contentsOf: saved.trainingState))
        let latest = try training.int(AgentCheckpoint.stepKey)
        guard latest == step else {
            throw CLIError.invalidValue(name: "--warm-start-buffer", value: checkpoint.path, reason: "the run's experience buffer is saved "
                                        + "with its latest checkpoint only (step \(latest)), not with step \(step); warm-start from the run "
                                        + "directory, or leave out --warm-start-buffer")
        }
        return training
    }

    /// Restores the checkpoint's learned state into `agent`, newly made to train on `spec` with
    /// the new run's seed and hyperparameters, and the saved experience buffer, if asked for,
    /// into `trainer`'s; `registry` knows the environment the checkpoint learned on, when it
    /// still has it.
    func restore(into agent: any Agent, trainer: Trainer, for spec: EnvironmentSpec, registry: EnvironmentRegistry) throws {
        if let trainedOn = try? registry.spec(config.environment) {
            try spec.requireLayout(of: trainedOn, flag: "--warm-start", value: url.path)
        }
        var own = StateDictionary()
        agent.save(into: &own)
        var merged = state
        for (key, value) in own.file.metadata where agent.isRunState(key) { merged.file.metadata[key] = value }
        for (key, tensor) in own.file.tensors where agent.isRunState(key) { merged.file.tensors[key] = tensor }
        do {
            try agent.restore(from: merged)
        } catch {
            throw CLIError.invalidValue(name: "--warm-start", value: url.path, reason: "its \(config.agent) agent does not fit this run (\(error)); "
                                        + "train on an environment laid out as \(config.environment) is, and keep the settings that shape the "
                                        + "agent's state as they were (network sizes, layer_norm, normalize_observations, workers)")
        }
        guard let training else { return }
        guard agent.learnsOffPolicy else {
            throw CLIError.invalidValue(name: "--warm-start-buffer", value: url.path, reason: "\(config.agent) learns from its own rollouts, "
                                        + "not from a replay buffer; leave out --warm-start-buffer")
        }
        do {
            try trainer.beginWithBuffer(of: training)
        } catch {
            throw CLIError.invalidValue(name: "--warm-start-buffer", value: url.path, reason: "\(error)")
        }
    }
}
