import Foundation
import GaitCore

/// A run's `config.json`: everything needed to repeat or resume it.
package struct RunConfig: Codable, Equatable {
    var gaitVersion: String
    package var environment: String
    package var environmentVersion: Int
    package var agent: String
    /// The run settings (steps, seed, envs …), stored beside the other keys.
    package var settings: RunSettings
    /// Every hyperparameter the agent used, by name.
    var hyperparameters: [String: Double]
    var created: String
    /// The agent checkpoint the run started from (`--warm-start`), or nil for a run from scratch.
    var warmStart: String?
    /// Whether the run began with the experience buffer saved with `warmStart` (`--warm-start-buffer`).
    var warmStartBuffer = false

    private enum CodingKeys: String, CodingKey {
        case environment, agent, hyperparameters, created
        case gaitVersion = "gait_version", environmentVersion = "environment_version", warmStart = "warm_start", warmStartBuffer = "warm_start_buffer"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        gaitVersion = try container.decode(String.self, forKey: .gaitVersion)
        environment = try container.decode(String.self, forKey: .environment)
        environmentVersion = try container.decode(Int.self, forKey: .environmentVersion)
        agent = try container.decode(String.self, forKey: .agent)
        settings = try RunSettings(from: decoder)
        hyperparameters = try container.decode([String: Double].self, forKey: .hyperparameters)
        created = try container.decode(String.self, forKey: .created)
        warmStart = try container.decodeIfPresent(String.self, forKey: .warmStart)
        warmStartBuffer = try container.decodeIfPresent(Bool.self, forKey: .warmStartBuffer) ?? false
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(gaitVersion, forKey: .gaitVersion)
        try container.encode(environment, forKey: .environment)
        try container.encode(environmentVersion, forKey: .environmentVersion)
        try container.encode(agent, forKey: .agent)
        try settings.encode(to: encoder)
        try container.encode(hyperparameters, forKey: .hyperparameters)
        try container.encode(created, forKey: .created)
        try container.encodeIfPresent(warmStart, forKey: .warmStart)
        if warmStartBuffer { try container.encode(warmStartBuffer, forKey: .warmStartBuffer) }
    }

    /// The JSON text, keys sorted.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads `config.json` from `url`.
    init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try InputFile.bytes(url, limit: 1 << 20)
        } catch {
            throw CLIError.notARun(path: url.deletingLastPathComponent().path, reason: "its config.json is unusable: \(error)")
        }
        do {
            self = try JSONDecoder().decode(RunConfig.self, from: data)
        } catch {
            throw CLIError.badFile(path: url.path, reason: "not a valid run configuration (\(Self.reason(error))); it may be damaged")
        }
    }

    /// Why decoding a configuration failed, in a line.
    static func reason(_ error: any Error) -> String {
        (error as? DecodingError)?.summary ?? "\(error)"
    }

    /// The settings this configuration changes from `saved` (the one a checkpoint was saved
    /// with), as "name saved → now"; `steps` may change (resuming with --steps) and is left out.
    func changes(from saved: RunConfig) -> [String] {
        var differences = [("environment", saved.environment, environment), ("agent", saved.agent, agent),
                        ("environment_version", "\(saved.environmentVersion)", "\(environmentVersion)")]
        for field in RunSettings.fields where field.keyPath != \.steps {
            differences.append((field.name, "\(saved.settings[keyPath: field.keyPath])", "\(self.settings[keyPath: field.keyPath])"))
        }
        for name in Set(hyperparameters.keys).union(saved.hyperparameters.keys).sorted() {
            differences.append((name, saved.hyperparameters[name].map { "\($0)" } ?? "absent", hyperparameters[name].map { "\($0)" } ?? "absent"))
        }
        return differences.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1) → \($0.2)" }
    }

    package init(gaitVersion: String, environment: String, environmentVersion: Int, agent: String, settings: RunSettings,
         hyperparameters: [String: Double], created: String, warmStart: String? = nil, warmStartBuffer: Bool = false) {
        (self.gaitVersion, self.environment, self.environmentVersion, self.agent, self.settings) =
            (gaitVersion, environment, environmentVersion, agent, settings)
        (self.hyperparameters, self.created, self.warmStart, self.warmStartBuffer) = (hyperparameters, created, warmStart, warmStartBuffer)
    }
}
