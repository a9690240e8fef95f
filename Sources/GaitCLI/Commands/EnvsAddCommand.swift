import ArgumentParser
import GaitRuns

/// `gait envs add FILE`: registers an environment file for this user.
struct EnvsAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register an environment file (YAML or JSON: a model, a task family and its parameters).",
        discussion: "Kept in $GAIT_ENV_PATH (default ~/.config/gait/environments); every command sees it afterwards.")

    @Argument(help: "The environment file.")
    var file: String

    func run() throws {
        let store = UserEnvironmentStore.current
        let spec = try store.add(file, registry: try CommandContext.registry())
        print("added \(spec.id): \(spec.observationSize) observations, \(spec.actionSize) actions, \(spec.maxEpisodeSteps)-step episodes (\(store.directory.path))")
    }
}
