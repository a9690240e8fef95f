import ArgumentParser
import GaitAgents
import GaitRuns

/// `gait agents show NAME`: every hyperparameter with its default, valid values and meaning, and
/// the metrics the agent reports.
struct AgentsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an agent's hyperparameters (default, valid values, meaning) and metrics.",
        discussion: "Set hyperparameters with 'gait train … --set name=value' or a --config file.")

    @Argument(help: "The agent: \(((try? CommandContext.agents)?.names ?? []).joined(separator: ", ")).")
    var agent: String

    @Flag(help: "Print a JSON object: name, summary, hyperparameters (name, default, min, max, whole, meaning), metrics (name, meaning).")
    var json = false

    /// The JSON form.
    struct Description: Encodable {
        struct Hyperparameter: Encodable {
            var name: String, `default`: Double, min: Double, max: Double, whole: Bool, meaning: String
        }
        struct Metric: Encodable {
            var name: String, meaning: String
        }
        var name: String, summary: String
        var hyperparameters: [Hyperparameter]
        var metrics: [Metric]
    }

    func run() throws {
        let entry = try CommandContext.agents.spec(agent)
        if json {
            return try Console.printJSON(Description(
                name: entry.name, summary: entry.summary,
                hyperparameters: entry.hyperparameters.map {
                    .init(name: $0.name, default: $0.defaultValue, min: $0.range.lowerBound, max: $0.range.upperBound, whole: $0.whole,
                          meaning: $0.meaning)
                },
                metrics: entry.metrics.map { .init(name: $0.name, meaning: $0.meaning) }))
        }
        print("\(entry.name): \(entry.summary)\n")
        print(TextTable.render([["HYPERPARAMETER", "DEFAULT", "VALID VALUES", "MEANING"]] + entry.hyperparameters.map {
            [$0.name, HyperparameterSpec.text($0.defaultValue), $0.validValues, $0.meaning]
        }), terminator: "")
        print("")
        print(TextTable.render([["METRIC", "MEANING"]] + entry.metrics.map { [$0.name, $0.meaning] }), terminator: "")
    }
}
