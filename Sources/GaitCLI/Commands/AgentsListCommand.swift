import ArgumentParser
import GaitAgents
import GaitRuns

/// `gait agents [list]`: one line per agent.
struct AgentsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the agents with a one-line summary.")

    func run() throws {
        print(TextTable.render([["AGENT", "SUMMARY"]] + (try CommandContext.agents).specs.map { [$0.name, $0.summary] }), terminator: "")
    }
}
