import ArgumentParser
import Foundation
import GaitRuns

/// `gait envs [list] [--json]`: one line (or JSON object) per registered environment.
struct EnvsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every registered environment.")

    @Flag(help: "Print a JSON array (id, version, observation_dim, action_dim, max_episode_steps, tags, summary).")
    var json = false

    func run() throws {
        let summaries = try CommandContext.registry().specs.map(EnvironmentSummary.init)
        if json { return try Console.printJSON(summaries) }
        let table = [["ID", "VER", "OBS", "ACT", "LIMIT", "TAGS", "SUMMARY"]] + summaries.map {
            [$0.id, "\($0.version)", "\($0.observationDim)", "\($0.actionDim)", "\($0.maxEpisodeSteps)",
             $0.tags.joined(separator: ","), $0.summary]
        }
        print(TextTable.render(table), terminator: "")
    }
}
