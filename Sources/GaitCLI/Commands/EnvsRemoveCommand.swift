import ArgumentParser
import GaitRuns

/// `gait envs remove ID`: unregisters an environment added with `gait envs add`.
struct EnvsRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Unregister an environment added from a file.")

    @Argument(help: "The environment id.")
    var id: String

    func run() throws {
        try UserEnvironmentStore.current.remove(id, registry: try CommandContext.registry())
        print("removed \(id)")
    }
}
