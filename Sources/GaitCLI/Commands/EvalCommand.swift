import ArgumentParser
import Foundation
import GaitAgents
import GaitCore
import GaitRuns

/// `gait eval RUN_DIR|CHECKPOINT`: evaluates a trained agent's deterministic policy (and with
/// `--stochastic` its sampling policy too).
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a trained agent.",
        discussion: "Prints 'eval: mean_return=<x> std=<y> episodes=<k>' (the deterministic policy) as its last line; "
            + "--stochastic prints 'eval_stochastic: …' for the sampling policy on the same seeds before it. "
            + "A run directory means its latest checkpoint.")

    @Argument(help: "A run directory or a checkpoint file (checkpoints/<step>.safetensors).")
    var source: String

    @Option(parsing: .unconditional, help: "Episodes to play (default: the run's eval_episodes).")
    var episodes: Int?

    @Option(help: "Write each episode as an episode file into this folder.")
    var record: String?

    @Option(parsing: .unconditional, help: "The seed of the first episode (episode i uses seed + i; default: the training evaluations' seed).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Evaluate on this environment instead of the one the agent trained on; its observations and actions must be laid out alike (a humanoid-stand policy from humanoid-getup's lying starts, say).", valueName: "id"))
    var env: String?

    @Flag(help: "Also evaluate the sampling policy the agent explores with (SAC's sampled actions, PPO's Gaussian, TD3's and DDPG's noise), on the same seeds.")
    var stochastic = false

    func validate() throws {
        if let episodes, !(1...100_000).contains(episodes) {
            throw CLIError.invalidValue(name: "--episodes", value: "\(episodes)", reason: "it must be from 1 to 100000")
        }
    }

    func run() throws {
        let (agent, config, step) = try AgentCheckpoint.read(try AgentCheckpoint.url(naming: source))
        let registry = try CommandContext.registry()
        let trainedOn = try registry.spec(config.environment)
        let spec = try env.map { try registry.spec($0) } ?? trainedOn
        try spec.requireLayout(of: trainedOn, flag: "--env", value: spec.id)
        if trainedOn.version != config.environmentVersion {
            Console.warning("the agent was trained on \(trainedOn.id) version \(config.environmentVersion) and version \(trainedOn.version) "
                            + "is registered: its returns may differ from its training's")
        }
        var environment = try spec.make()
        var recorded: [Episode] = []
        if let record {
            do {
                try FileManager.default.createDirectory(atPath: record, withIntermediateDirectories: true)
            } catch {
                throw CLIError.io(path: record, reason: "cannot create the folder (\(RunDirectory.reason(error))); choose a writable --record")
            }
            environment = EpisodeRecorder(environment, spec: spec) { recorded.append($0) }
        }
        // The trainer evaluates with seeds from seed + 1_000_003 (see `Trainer.evaluationSeed`).
        let (count, firstSeed) = (episodes ?? config.settings.evalEpisodes, seed ?? UInt64(config.settings.seed) &+ 1_000_003)
        let evaluation = try Evaluation.run(agent, on: environment, episodes: count, seed: firstSeed)
        // After the deterministic episodes, since sampling may update the agent's statistics.
        let sampled = stochastic ? try Evaluation.run(agent, on: try spec.make(), episodes: count, seed: firstSeed, stochastic: true) : nil
        for (index, episode) in recorded.enumerated() {
            let url = URL(fileURLWithPath: record!).appendingPathComponent(String(format: "episode-%03d.gaitep", index))
            try episode.write(to: url)
        }
        print("\(config.agent) on \(spec.id) after \(step) steps" + (spec.id == trainedOn.id ? "" : " (trained on \(trainedOn.id))"))
        if let record { print("recorded \(recorded.count) episodes in \(record) (deterministic policy)") }
        if let sampled { print(sampled.line(named: "eval_stochastic")) }
        print(evaluation.line)
    }
}
