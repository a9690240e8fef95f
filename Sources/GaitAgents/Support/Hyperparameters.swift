import GaitCore

/// An agent's hyperparameters: named numbers with documented defaults and valid values
/// (`HyperparameterSpec`), overridable by name.
public struct Hyperparameters: Sendable, Hashable, CustomStringConvertible {
    /// Names in their defining order.
    public let names: [String]
    private var values: [String: Double]

    /// The defaults of `specs` in order, with `overrides` applied: an unknown name is an error
    /// listing the valid ones, and a value outside its valid values an error naming them.
    public init(specs: [HyperparameterSpec], overrides: [String: Double] = [:]) throws(AgentError) {
        names = specs.map(\.name)
        values = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.defaultValue) })
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let spec = specs.first(where: { $0.name == name }) else { throw .unknownHyperparameter(name: name, valid: names) }
            try spec.check(value)
            values[name] = value
        }
    }

    /// The value of `name` (which must be defined).
    public subscript(name: String) -> Double {
        guard let value = values[name] else { preconditionFailure("no hyperparameter '\(name)'") }
        return value
    }

    /// A whole-number hyperparameter.
    public func int(_ name: String) -> Int { Int(self[name]) }

    /// Every hyperparameter in order.
    public var all: [(name: String, value: Double)] { names.map { ($0, values[$0]!) } }

    /// The largest whole-number hyperparameter (2⁴⁰); what a configuration would allocate is
    /// checked separately, against the machine's memory.
    public static let maximumCount = 1 << 40

    /// The most passes a single update may repeat (`updates_per_step`, `update_epochs` …): more
    /// would make one update run for hours.
    public static let maximumRepeats = 1_000

    public var description: String { all.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
}
