import ArgumentParser
import Foundation
import GaitAgents
import GaitCore

/// `gait train ID --agent NAME …`: trains an agent and writes a run directory.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train an agent on an environment.",
        usage: "gait train <environment> --agent <agent> [--steps <steps>] [--seed <seed>] [--config <config>] "
            + "[--set <name=value> ...] [--out <out>] [--eval-every <n>] [--eval-episodes <n>] [--checkpoint-every <n>] [--envs <n>]\n"
            + "gait train --resume <run> [--steps <steps>]",
        discussion: """
            Writes runs/<env>/<agent>-s<seed>-<time>/ (or --out): config.json, metrics.csv, checkpoints/, \
            episodes/, curve.svg and replay.html. Ctrl-C saves a checkpoint; --resume continues from it. \
            The last line printed is 'eval: mean_return=<x> std=<y> episodes=<k>'.
            The same seed repeats a run exactly, except with --agent a3c, whose workers update \
            shared networks as they finish: add --set deterministic=1 to make its runs repeatable \
            (and --set workers=N instead of --envs to choose how many).
            Counts may be written as 100000 or 1e5.
            """)

    @Argument(help: "The environment id (see `gait envs`); not needed with --resume.")
    var environment: String?

    @Option(help: "The agent: \(CommandContext.agents.names.joined(separator: ", ")).")
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

    func validate() throws {
        if resume == nil {
            guard environment != nil else { throw CLIError.usage("name the environment to train on, such as 'gait train walker-stand --agent sac'") }
            guard agent != nil else { throw CLIError.usage("choose an agent with --agent (\(CommandContext.agents.names.joined(separator: ", ")))") }
        } else if !onlyStepsChange {
            throw CLIError.usage("--resume continues a run with its own settings; only --steps may change (to train longer)")
        }
    }

    func run() throws {
        if try train(observer: nil).meanReturn == nil { throw ExitCode(Interrupt.exitStatus) }
    }

    /// Trains and prints as `run()` does. With an `observer` (training from the C library) no
    /// signal handler is installed: the observer sees each record and returns false to stop.
    func train(observer: TrainingSession.Observer?) throws -> TrainingOutcome {
        let session: TrainingSession
        var resumeStep: Int?
        if let resume {
            (session, resumeStep) = try resumedSession(resume)
            print("resuming \(session.run.url.path) " + (resumeStep.map { "at step \($0)" } ?? "from the start (it has no checkpoint yet)"))
        } else {
            session = try newSession()
            print("run: \(session.run.url.path)")
        }
        fflush(nil)
        guard let evaluation = try session.train(resumedAt: resumeStep, observer: observer) else {
            return TrainingOutcome(run: session.run, evaluation: nil)
        }
        print("curve: \(session.run.curve.path)")
        if FileManager.default.fileExists(atPath: session.run.replay.path) { print("replay: \(session.run.replay.path)") }
        print(evaluation.line)
        fflush(nil)
        return TrainingOutcome(run: session.run, evaluation: evaluation)
    }

    /// The settings from the config file, then --set, then the flags.
    private func overrides() throws -> SettingOverrides {
        var overrides = SettingOverrides()
        if let config { try overrides.merge(configFile: config) }
        try overrides.merge(assignments: assignments)
        for (field, value) in settingFlags { overrides.set(field, value) }
        return overrides
    }

    private func newSession() throws -> TrainingSession {
        guard let environment, let agentName = agent else { throw CLIError.usage("name the environment and the agent") }
        let registry = try CommandContext.registry()
        let spec = try registry.spec(environment)
        let settings = try overrides()
        let runSettings = try settings.runSettings()
        let seed = UInt64(runSettings.seed)
        let made: any Agent
        do {
            made = try CommandContext.agents.make(agentName, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                                  overrides: settings.hyperparameters, seed: seed)
        } catch {
            guard case .unknownHyperparameter(let name, let valid) = error else { throw error }
            throw CLIError.unknownKey(name: name, valid: RunSettings.names + valid)
        }
        let config = RunConfig(
            gaitVersion: GaitVersion.current, environment: spec.id, environmentVersion: spec.version, agent: agentName,
            settings: runSettings, hyperparameters: Dictionary(uniqueKeysWithValues: made.hyperparameters.all.map { ($0.name, $0.value) }),
            created: ISO8601DateFormatter().string(from: Date()))
        let firstUpdate = made.firstUpdateStep(copies: runSettings.envs)
        guard runSettings.steps >= firstUpdate else {
            throw CLIError.invalidValue(name: "steps", value: "\(runSettings.steps)", reason: "\(agentName) first learns after \(firstUpdate) steps "
                                        + "(its learning_starts, or one rollout: num_steps, n_steps or batch_steps × envs), so the run "
                                        + "would end untrained; train for at least \(firstUpdate) steps or lower that setting")
        }
        let url = out.map { URL(fileURLWithPath: $0) }
            ?? RunDirectory.defaultURL(environment: spec.id, agent: agentName, seed: seed)
        let session = try TrainingSession(run: try RunDirectory(new: url), config: config, new: true)
        try RunDirectory.write(try config.encoded(), to: session.run.config)
        return session
    }

    /// The run at `path`, restored to its latest checkpoint, and that checkpoint's step (nil: no
    /// checkpoint yet, training starts again). With --steps, config.json changes only once the
    /// checkpoint has been read and lies within it.
    private func resumedSession(_ path: String) throws -> (TrainingSession, Int?) {
        let run = try RunDirectory(existing: path)
        let config = try RunConfig(contentsOf: run.config)
        if let environment, environment != config.environment {
            throw CLIError.usage("the run in \(path) trains \(config.environment), not \(environment)")
        }
        if let agent, agent != config.agent { throw CLIError.usage("the run in \(path) trains \(config.agent), not \(agent)") }
        let session = try TrainingSession(run: run, config: config)
        let step = try session.restore()
        if let steps { try session.plan(steps: steps) }
        return (session, step)
    }

    /// The run settings' flags and the values given.
    private var settingFlags: [(RunSettings.Field, Int?)] {
        [(\.steps, steps), (\.seed, seed), (\.envs, envs), (\.evalEvery, evalEvery), (\.evalEpisodes, evalEpisodes),
         (\.checkpointEvery, checkpointEvery)].map { (RunSettings.field($0.0), $0.1) }
    }

    /// True when no option other than --steps tries to change a resumed run.
    private var onlyStepsChange: Bool {
        config == nil && assignments.isEmpty && out == nil && settingFlags.allSatisfy { $0.1 == nil || $0.0.keyPath == \.steps }
    }
}
