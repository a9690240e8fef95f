import Foundation
import GaitAgents
import GaitCore

/// Named numbers a user sets for a training run, from a config file (YAML or JSON: a flat map
/// from name to number) and from `--set name=value`: the run settings (`steps`, `seed` …) and
/// the agent's hyperparameters.
package struct SettingOverrides {
    /// The values by name.
    package private(set) var values: [String: Double] = [:]
    /// The names whose value was written as true or false (yes or no): only an on/off
    /// hyperparameter takes one (`checkOnOff`).
    private var writtenOnOff: Set<String> = []

    package init() {}

    /// Reads a config file.
    mutating func merge(configFile path: String) throws {
        try merge(map: YAMLFile.map(at: path, kind: "a config file", example: "batch_size: 256"), path: path)
    }

    /// Takes the numbers of a config file's map, read from `path`.
    package mutating func merge(map: [String: Any], path: String) throws {
        for (name, value) in map.sorted(by: { $0.key < $1.key }) {
            guard let number = Self.number(value) else {
                let chosenByFlag = ["agent", "env", "environment", "out", "resume", "warm_start"].contains(name)
                throw CLIError.invalidValue(name: "'\(name)' in \(path)", value: "\(value)", reason: "it must be a number"
                    + (chosenByFlag ? "; a config file holds run settings and hyperparameters, so give the \(name) on the command line" : ""))
            }
            try take(name, number, onOff: value is Bool || Self.isOnOff(value))
        }
    }

    /// Applies `name=value` assignments (later ones win).
    package mutating func merge(assignments: [String]) throws {
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CLIError.invalidValue(name: "--set", value: assignment, reason: "write it as name=value, such as batch_size=256")
            }
            guard let number = Self.number(parts[1]) else {
                throw CLIError.invalidValue(name: parts[0], value: parts[1], reason: "it must be a number")
            }
            try take(parts[0], number, onOff: Self.isOnOff(parts[1]))
        }
    }

    /// Sets `name` to `number`; a run setting is checked against its range here, so that a value
    /// a later one replaces is not passed over unchecked.
    mutating func take(_ name: String, _ number: Double, onOff: Bool) throws {
        if let field = RunSettings.fields.first(where: { $0.name == name }) {
            guard !onOff else {
                throw CLIError.invalidValue(name: name, value: number == 1 ? "true" : "false", reason: "\(name) is not on/off; it takes a whole number")
            }
            _ = try field.checked(number)
        }
        values[name] = number
        if onOff { writtenOnOff.insert(name) } else { writtenOnOff.remove(name) }
    }

    /// Throws if a hyperparameter among `specs` that is not on/off was set to true or false:
    /// `batch_size: true` is a mistake, not a batch of 1. (`take` refuses run settings so set.)
    package func checkOnOff(against specs: [HyperparameterSpec]) throws {
        for name in writtenOnOff.sorted() {
            guard let spec = specs.first(where: { $0.name == name }), !spec.isOnOff else { continue }
            throw CLIError.invalidValue(name: name, value: values[name] == 1 ? "true" : "false",
                                        reason: "\(name) is not on/off; it takes \(spec.validValues)")
        }
    }

    /// Takes `values` by name (later ones win over those already taken).
    mutating func merge(_ values: [String: Double]) {
        self.values.merge(values) { $1 }
        writtenOnOff.subtract(values.keys)
    }

    /// Takes `other`'s values (they win over those already taken).
    mutating func merge(_ other: SettingOverrides) {
        merge(other.values)
        writtenOnOff.formUnion(other.writtenOnOff)
    }

    /// Sets one run setting (from its command-line flag).
    package mutating func set(_ field: RunSettings.Field, _ value: Int?) {
        if let value {
            values[field.name] = Double(value)
            writtenOnOff.remove(field.name)
        }
    }

    /// The hyperparameters: every value that is not a run setting.
    package var hyperparameters: [String: Double] { values.filter { !RunSettings.names.contains($0.key) } }

    /// The run settings given, each checked against its range, and the defaults of the rest.
    package func runSettings() throws -> RunSettings { try RunSettings(values) }

    /// A number from a YAML/JSON value or a command-line string (true/false count as 1/0).
    static func number(_ value: Any) -> Double? {
        switch value {
        case let bool as Bool: bool ? 1 : 0
        case let int as Int: Double(int)
        case let double as Double: double.isFinite ? double : nil
        case let string as String: onOffWords[string.lowercased()] ?? Double(string).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// The words that write on/off, and the number each stands for.
    private static let onOffWords: [String: Double] = ["true": 1, "yes": 1, "false": 0, "no": 0]

    /// Whether `value` is written as on/off: true, false, yes or no.
    private static func isOnOff(_ value: Any) -> Bool {
        guard let string = value as? String else { return false }
        return onOffWords[string.lowercased()] != nil
    }

    /// A number as the user would write it.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }
}
