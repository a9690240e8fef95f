import Foundation
import GaitCore

/// A run's `config.json`: everything needed to repeat or resume it.
struct RunConfig: Codable, Equatable {
    var gaitVersion: String
    var environment: String
    var environmentVersion: Int
    var agent: String
    var seed: UInt64
    /// The run settings (steps, envs, eval_every, eval_episodes, checkpoint_every).
    var steps: Int
    var envs: Int
    var evalEvery: Int
    var evalEpisodes: Int
    var checkpointEvery: Int
    /// Every hyperparameter the agent used, by name.
    var hyperparameters: [String: Double]
    var created: String

    enum CodingKeys: String, CodingKey {
        case environment, agent, seed, steps, envs, hyperparameters, created
        case gaitVersion = "gait_version", environmentVersion = "environment_version", evalEvery = "eval_every"
        case evalEpisodes = "eval_episodes", checkpointEvery = "checkpoint_every"
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
            throw CLIError.badFile(path: url.path, reason: "not a valid run configuration (\(error)); it may be damaged")
        }
        try validate(path: url.path)
    }

    /// Checks every run setting against its range (see `SettingOverrides.runSettings`); `path`
    /// names the file in the error.
    func validate(path: String) throws {
        let settings = [("seed", Double(seed)), ("steps", Double(steps)), ("envs", Double(envs)), ("eval_every", Double(evalEvery)),
                        ("eval_episodes", Double(evalEpisodes)), ("checkpoint_every", Double(checkpointEvery))]
        do {
            for (name, value) in settings { _ = try SettingOverrides.check(name, value) }
        } catch {
            throw CLIError.badFile(path: path, reason: "\(error); it may have been edited or damaged")
        }
    }

    /// The settings this configuration changes from `saved` (the one a checkpoint was saved
    /// with), as "name saved → now"; `steps` may change (resuming with --steps) and is left out.
    func changes(from saved: RunConfig) -> [String] {
        var settings = [("environment", saved.environment, environment), ("agent", saved.agent, agent),
                        ("environment_version", "\(saved.environmentVersion)", "\(environmentVersion)"),
                        ("seed", "\(saved.seed)", "\(seed)"), ("envs", "\(saved.envs)", "\(envs)"),
                        ("eval_every", "\(saved.evalEvery)", "\(evalEvery)"), ("eval_episodes", "\(saved.evalEpisodes)", "\(evalEpisodes)"),
                        ("checkpoint_every", "\(saved.checkpointEvery)", "\(checkpointEvery)")]
        for name in Set(hyperparameters.keys).union(saved.hyperparameters.keys).sorted() {
            settings.append((name, saved.hyperparameters[name].map { "\($0)" } ?? "absent", hyperparameters[name].map { "\($0)" } ?? "absent"))
        }
        return settings.filter { $0.1 != $0.2 }.map { "\($0.0) \($0.1) → \($0.2)" }
    }

    init(gaitVersion: String, environment: String, environmentVersion: Int, agent: String, seed: UInt64, steps: Int,
         envs: Int, evalEvery: Int, evalEpisodes: Int, checkpointEvery: Int, hyperparameters: [String: Double],
         created: String) {
        (self.gaitVersion, self.environment, self.environmentVersion, self.agent, self.seed) =
            (gaitVersion, environment, environmentVersion, agent, seed)
        (self.steps, self.envs, self.evalEvery, self.evalEpisodes, self.checkpointEvery) =
            (steps, envs, evalEvery, evalEpisodes, checkpointEvery)
        self.hyperparameters = hyperparameters
        self.created = created
    }
}
