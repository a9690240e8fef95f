import ArgumentParser
import GaitRuns

/// `gait agents`: the built-in agents.
struct AgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents", abstract: "List the agents, or show one's hyperparameters and metrics.",
        subcommands: [AgentsListCommand.self, AgentsShowCommand.self], defaultSubcommand: AgentsListCommand.self)
}
