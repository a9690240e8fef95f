import ArgumentParser
import GaitAgents
import GaitCore
import GaitRuns

/// `gait bench agent NAME`: training steps and updates per second.
struct BenchAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Training steps and agent updates per second.",
        discussion: """
            Off-policy agents first collect learning_starts=1000 untimed steps, so that every timed step learns. \
            Updates are gradient steps of the critics for off-policy agents (updates_per_step per training step) \
            and learning rounds (one per rollout) for on-policy ones.
            """)

    @Argument(help: "The agent: \(((try? CommandContext.agents)?.names ?? []).joined(separator: ", ")).")
    var agent: String

    @Option(help: "The environment to train on.")
    var env: String = "cheetah-run"

    @Option(name: .customLong("set"), help: "Set a hyperparameter: name=value (repeatable), to time a variant (layer_norm=1 …).")
    var assignments: [String] = []

    @OptionGroup var options: BenchmarkOptions

    /// What `--set` assigns.
    private var overrides: SettingOverrides {
        get throws {
            var overrides = SettingOverrides()
            try overrides.merge(assignments: assignments)
            return overrides
        }
    }

    func validate() throws {
        let overrides = try overrides
        guard overrides.values.count == overrides.hyperparameters.count else {
            throw ValidationError("--set takes hyperparameters here; run settings (steps, seed, envs …) have their own flags or do not apply")
        }
    }

    func run() throws {
        let steps = options.steps ?? 5_000
        let spec = try CommandContext.registry().spec(env)
        let overrides = try overrides
        try overrides.checkOnOff(against: CommandContext.agents.spec(agent).hyperparameters)
        let defaults = try CommandContext.agents.make(agent, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                                      overrides: overrides.hyperparameters, seed: 1)
        let warmUp = defaults.hyperparameters.names.contains("learning_starts") ? 1_000 : 0
        let made = warmUp > 0
            ? try CommandContext.agents.make(agent, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                             overrides: overrides.hyperparameters.merging(["learning_starts": Double(warmUp)]) { $1 },
                                             seed: 1)
            : defaults
        let trainer = try Trainer(spec: spec, agent: made, settings: .init(seed: 1, evaluationEpisodes: 0))
        try trainer.train(until: warmUp, plannedSteps: warmUp + steps, report: { _ in })
        let updatesBefore = trainer.learningUpdates
        let seconds = try BenchmarkResult.time {
            try trainer.train(until: warmUp + steps, plannedSteps: warmUp + steps, report: { _ in })
        }
        let updatesPerRound = made.hyperparameters.names.contains("updates_per_step") ? made.hyperparameters["updates_per_step"] : 1
        try BenchmarkResult(benchmark: "agent", environment: spec.id, agent: agent, envs: 1, steps: steps, seconds: seconds,
                            stepsPerSecond: Double(steps) / seconds,
                            updatesPerSecond: Double(trainer.learningUpdates - updatesBefore) * updatesPerRound / seconds)
            .print(json: options.json)
    }
}
