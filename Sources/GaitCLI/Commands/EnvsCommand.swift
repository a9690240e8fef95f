import ArgumentParser
import GaitRuns

/// `gait envs`: the registered environments.
struct EnvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs", abstract: "List, show, add or remove environments.",
        subcommands: [EnvsListCommand.self, EnvsShowCommand.self, EnvsAddCommand.self, EnvsRemoveCommand.self], defaultSubcommand: EnvsListCommand.self)
}
