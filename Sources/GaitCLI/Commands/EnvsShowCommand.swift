import ArgumentParser
import GaitCore
import GaitRuns

/// `gait envs show ID`: everything known about one environment.
struct EnvsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one environment in full.")

    @Argument(help: "The environment id (see `gait envs`).")
    var id: String

    @Flag(help: "Print a JSON object (the fields of `gait envs --json`, provided_by, observation_low, observation_high, observation_parts with name, start and size, action_low, action_high, control_time_step, settings, drawable).")
    var json = false

    func run() throws {
        let registry = try CommandContext.registry()
        let spec = try registry.spec(id)
        let environment = try spec.make(seed: 0)
        let details = EnvironmentDetails(spec, environment: environment, provider: registry.providers[spec.id] ?? "?")
        if json { return try Console.printJSON(details) }
        let space = environment.observationSpace
        let parts: [[String]] = details.observationParts.isEmpty ? [] : [["observation parts", Self.layout(details.observationParts)]]
        let identity: [[String]] = [
            ["id", spec.id], ["version", "\(spec.version)"], ["summary", spec.summary],
            ["tags", spec.tags.joined(separator: ", ")], ["provided by", details.providedBy],
            ["observation", "\(spec.observationSize) values in [\(Self.range(space.low)), \(Self.range(space.high))]"],
        ]
        let limits: [[String]] = [["action", "\(spec.actionSize) values in [-1, 1]"], ["episode limit", "\(spec.maxEpisodeSteps) steps"]]
        let rows = identity + parts + limits + environment.settings.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
        print(TextTable.render(rows), terminator: "")
    }

    /// Each part's name and index range: `joint_angles 0–20, head_height 21, …`.
    private static func layout(_ parts: [EnvironmentDetails.Part]) -> String {
        parts.map { $0.size == 1 ? "\($0.name) \($0.start)" : "\($0.name) \($0.start)–\($0.start + $0.size - 1)" }.joined(separator: ", ")
    }

    /// A bound vector shown briefly: one number when all components agree.
    private static func range(_ values: [Float]) -> String {
        Set(values).count == 1 ? "\(values[0])" : "(" + values.map { "\($0)" }.joined(separator: ", ") + ")"
    }
}
