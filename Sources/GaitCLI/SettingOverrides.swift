import Foundation
import Yams

/// Named numbers a user sets for a training run, from a config file (YAML or JSON: a flat map
/// from name to number) and from `--set name=value`: the run settings (`steps`, `seed` …) and
/// the agent's hyperparameters.
struct SettingOverrides {
    /// The run settings a config file or `--set` may hold besides hyperparameters.
    static let runKeys = ["steps", "seed", "envs", "eval_every", "eval_episodes", "checkpoint_every"]

    /// The values by name.
    private(set) var values: [String: Double] = [:]

    /// Reads a config file.
    mutating func merge(configFile path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError.io(path: path, reason: "cannot read the config file; check the path")
        }
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw CLIError.badFile(path: path, reason: "not valid YAML or JSON (\(error))")
        }
        guard let map = (document ?? [String: Any]()) as? [String: Any] else {
            throw CLIError.badFile(path: path, reason: "expected a map from setting names to numbers, such as 'batch_size: 256'")
        }
        for (name, value) in map.sorted(by: { $0.key < $1.key }) {
            guard let number = Self.number(value) else {
                throw CLIError.invalidValue(name: "'\(name)' in \(path)", value: "\(value)", reason: "it must be a number")
            }
            values[name] = number
        }
    }

    /// Applies `name=value` assignments (later ones win).
    mutating func merge(assignments: [String]) throws {
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CLIError.invalidValue(name: "--set", value: assignment, reason: "write it as name=value, such as batch_size=256")
            }
            guard let number = Self.number(parts[1]) else {
                throw CLIError.invalidValue(name: parts[0], value: parts[1], reason: "it must be a number")
            }
            values[parts[0]] = number
        }
    }

    /// Sets one value (from a command-line flag).
    mutating func set(_ name: String, _ value: Double?) {
        if let value { values[name] = value }
    }

    /// The hyperparameters: every value that is not a run setting.
    var hyperparameters: [String: Double] { values.filter { !Self.runKeys.contains($0.key) } }

    /// The run setting `name` as a whole number of at least `minimum`, or `fallback`.
    func count(_ name: String, minimum: Int, default fallback: Int) throws -> Int {
        guard let value = values[name] else { return fallback }
        guard value == value.rounded(), value >= Double(minimum), value < 0x1p62 else {
            throw CLIError.invalidValue(name: name, value: Self.text(value),
                                        reason: "it must be a whole number of at least \(minimum)")
        }
        return Int(value)
    }

    /// A number from a YAML/JSON value or a command-line string (true/false count as 1/0).
    static func number(_ value: Any) -> Double? {
        switch value {
        case let bool as Bool: bool ? 1 : 0
        case let int as Int: Double(int)
        case let double as Double: double.isFinite ? double : nil
        case let string as String:
            switch string.lowercased() {
            case "true", "yes": 1
            case "false", "no": 0
            default: Double(string).flatMap { $0.isFinite ? $0 : nil }
            }
        default: nil
        }
    }

    /// A number as the user would write it.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }
}
