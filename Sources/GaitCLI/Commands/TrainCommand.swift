import ArgumentParser
import Foundation
import GaitAgents
import GaitCore
import GaitRuns

/// `gait train ID --agent NAME …`: trains an agent and writes a run directory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train an agent on an environment.",
        usage: "gait train <environment> --agent <agent> [--steps <steps>] [--seed <seed>] [--config <config>] "
            + "[--set <name=value> ...] [--out <out>] [--eval-every <n>] [--eval-episodes <n>] [--checkpoint-every <n>] [--envs <n>]\n"
            + "gait train <environment> --warm-start <checkpoint> [--warm-start-buffer] [the options above]\n"
            + "gait train --resume <run> [--steps <steps>]",
        discussion: """
            Writes runs/<env>/<agent>-s<seed>-<time>/ (or --out): config.json, metrics.csv, checkpoints/, \
            episodes/, curve.svg and replay.html. Ctrl-C saves a checkpoint; --resume continues from it. \
            --warm-start begins a new run from another run's agent, to fine-tune it on an environment laid out alike. \
            The last line printed is 'eval: mean_return=<x> std=<y> episodes=<k>'.
            The same seed repeats a run exactly, except with --agent a3c, whose workers update \
            shared networks as they finish: add --set deterministic=1 to make its runs repeatable \
            (and --set workers=N instead of --envs to choose how many).
            Counts may be written as 100000 or 1e5.
            """)

    @Argument(help: "The environment id (see `gait envs`); not needed with --resume.")
    var environment: String?

    @Option(help: "The agent: \(((try? CommandContext.agents)?.names ?? []).joined(separator: ", ")).")
    var agent: String?

    @Option(setting: \.steps)
    var steps: Int?

    @Option(setting: \.seed)
    var seed: Int?

    @Option(help: "A YAML or JSON file of settings and hyperparameters (a flat map, such as 'batch_size: 256').")
    var config: String?

    @Option(name: .customLong("set"), help: "Set a hyperparameter or setting: name=value (repeatable).")
    var assignments: [String] = []

    @Option(help: "The run directory to write (default runs/<env>/<agent>-s<seed>-<yyyyMMdd-HHmmss>).")
    var out: String?

    @Option(setting: \.evalEvery)
    var evalEvery: Int?

    @Option(setting: \.evalEpisodes)
    var evalEpisodes: Int?

    @Option(setting: \.checkpointEvery)
    var checkpointEvery: Int?

    @Option(setting: \.envs)
    var envs: Int?

    @Option(help: "Continue the run in this directory from its latest checkpoint.")
    var resume: String?

    @Option(help: ArgumentHelp("Start a new run from what this agent checkpoint (or a run directory's latest) learned: networks, optimiser "
                               + "moments, statistics; the run's own seed and hyperparameters decide the rest. --agent may be left out.",
                               valueName: "checkpoint"))
    var warmStart: String?

    @Flag(help: "With --warm-start of an off-policy agent: begin with that run's experience buffer too (saved with its latest checkpoint).")
    var warmStartBuffer = false

    func validate() throws { try request.validate() }

    func run() throws {
        if try request.train(observer: nil).meanReturn == nil { throw ExitCode(Interrupt.exitStatus) }
    }

    /// What the flags ask for: `--set` assignments, then the run settings' flags.
    private var request: TrainingRequest {
        get throws {
            var overrides = SettingOverrides()
            try overrides.merge(assignments: assignments)
            for (field, value) in settingFlags { overrides.set(field, value) }
            return TrainingRequest(environment: environment, agent: agent, configFile: config, settings: overrides, out: out,
                                   resume: resume, warmStart: warmStart, warmStartBuffer: warmStartBuffer)
        }
    }

    /// The run settings' flags and the values given.
    private var settingFlags: [(RunSettings.Field, Int?)] {
        [(\.steps, steps), (\.seed, seed), (\.envs, envs), (\.evalEvery, evalEvery), (\.evalEpisodes, evalEpisodes),
         (\.checkpointEvery, checkpointEvery)].map { (RunSettings.field($0.0), $0.1) }
    }
}
