import ArgumentParser
import GaitCore

/// `gait envs show ID`: everything known about one environment.
struct EnvsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one environment in full.")

    @Argument(help: "The environment id (see `gait envs`).")
    var id: String

    func run() throws {
        let registry = try CommandContext.registry()
        let spec = try registry.spec(id)
        let environment = try spec.make(seed: 0)
        let space = environment.observationSpace
        let rows = [
            ["id", spec.id], ["version", "\(spec.version)"], ["summary", spec.summary],
            ["tags", spec.tags.joined(separator: ", ")], ["provided by", registry.providers[spec.id] ?? "?"],
            ["observation", "\(spec.observationSize) values in [\(Self.range(space.low)), \(Self.range(space.high))]"],
            ["action", "\(spec.actionSize) values in [-1, 1]"], ["episode limit", "\(spec.maxEpisodeSteps) steps"],
        ] + environment.settings.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        print(TextTable.render(rows), terminator: "")
    }

    /// A bound vector shown briefly: one number when all components agree.
    private static func range(_ values: [Float]) -> String {
        Set(values).count == 1 ? "\(values[0])" : "(" + values.map { "\($0)" }.joined(separator: ", ") + ")"
    }
}
