import Foundation
import GaitCore

/// A training run's settings besides the agent's hyperparameters, as whole numbers. Each is
/// declared once, in `fields`: its name (in config files, `--set` and config.json; with dashes it
/// is also `gait train`'s flag), default, valid range and meaning. The zeros below are
/// placeholders that `fields` overwrite.
package struct RunSettings: Equatable {
    package var steps = 0, seed = 0, envs = 0, evalEvery = 0, evalEpisodes = 0, checkpointEvery = 0

    /// One run setting, declared once.
    package struct Field: Sendable {
        let keyPath: WritableKeyPath<RunSettings, Int> & Sendable
        let name: String
        let defaultValue: Int
        let range: ClosedRange<Int>
        let meaning: String

        init(_ keyPath: WritableKeyPath<RunSettings, Int> & Sendable, _ name: String, _ defaultValue: Int, _ range: ClosedRange<Int>,
             _ meaning: String) {
            (self.keyPath, self.name, self.defaultValue, self.range, self.meaning) = (keyPath, name, defaultValue, range, meaning)
        }

        /// The text of `gait train --help`.
        package var help: String { "\(meaning) (default \(defaultValue))." }

        /// `value` if it is a whole number in range; the error names the setting and the range.
        func checked(_ value: Double) throws -> Int {
            guard let whole = value.wholeNumber(in: range) else {
                throw CLIError.invalidValue(name: name, value: SettingOverrides.text(value), reason: reason)
            }
            return whole
        }

        /// `value` if it is in range.
        func checked(_ value: Int) throws -> Int {
            guard range.contains(value) else { throw CLIError.invalidValue(name: name, value: "\(value)", reason: reason) }
            return value
        }

        /// The flag's value (a whole number, written as 100000 or 1e5), checked against the range.
        package func parsed(_ argument: String) throws -> Int {
            guard let value = Double(argument), let whole = value.wholeNumber(in: range) else { throw ArgumentFailure(reason) }
            return whole
        }

        private var reason: String { "it must be a whole number from \(range.lowerBound) to \(range.upperBound)" }
    }

    /// The reason a flag's value was refused, as ArgumentParser shows it after the value.
    private struct ArgumentFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The most environment steps a run may plan (10¹²).
    static let maximumSteps = 1_000_000_000_000

    static let fields: [Field] = [
        Field(\.steps, "steps", 100_000, 1...maximumSteps, "Environment steps to train for"),
        Field(\.seed, "seed", 1, 0...(1 << 53) - 1, "The seed of everything random in the run"),
        Field(\.envs, "envs", 1, 1...64, "Environment copies stepped in parallel"),
        Field(\.evalEvery, "eval_every", 10_000, 1...maximumSteps, "Evaluate the deterministic policy every this many steps"),
        Field(\.evalEpisodes, "eval_episodes", 10, 1...100_000, "Episodes per evaluation"),
        Field(\.checkpointEvery, "checkpoint_every", 25_000, 1...maximumSteps, "Save a checkpoint every this many steps"),
    ]

    /// The settings' names.
    static let names = fields.map(\.name)

    /// The declaration of the setting at `keyPath`.
    package static func field(_ keyPath: WritableKeyPath<RunSettings, Int>) -> Field {
        guard let field = fields.first(where: { $0.keyPath == keyPath }) else { preconditionFailure("\(keyPath) is not a run setting") }
        return field
    }

    /// The settings `values` name (each checked against its range), the defaults for the rest.
    package init(_ values: [String: Double] = [:]) throws {
        for field in Self.fields {
            self[keyPath: field.keyPath] = try values[field.name].map(field.checked) ?? field.defaultValue
        }
    }
}

extension RunSettings: Codable {
    /// Reads each setting by name, checked against its range.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        for field in Self.fields {
            let key = NameKey(stringValue: field.name)
            // A whole number as written (a double would round one past 2^53); anything else is refused by its value.
            self[keyPath: field.keyPath] = try (try? container.decode(Int.self, forKey: key)).map(field.checked)
                ?? field.checked(container.decode(Double.self, forKey: key))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for field in Self.fields { try container.encode(self[keyPath: field.keyPath], forKey: NameKey(stringValue: field.name)) }
    }
}
