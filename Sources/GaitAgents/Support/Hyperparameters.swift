/// An agent's hyperparameters: named numbers with defaults, overridable by name.
public struct Hyperparameters: Sendable, Hashable, CustomStringConvertible {
    /// Names in their defining order.
    public let names: [String]
    private var values: [String: Double]

    /// Defaults in order, with `overrides` applied; an unknown name is an error listing the
    /// valid ones.
    public init(defaults: KeyValuePairs<String, Double>, overrides: [String: Double] = [:]) throws(AgentError) {
        names = defaults.map(\.key)
        values = Dictionary(uniqueKeysWithValues: defaults.map { ($0.key, $0.value) })
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard values[name] != nil else { throw .unknownHyperparameter(name: name, valid: names) }
            guard value.isFinite else { throw .invalidHyperparameter(name: name, reason: "it must be a finite number") }
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

    /// A float hyperparameter.
    public func float(_ name: String) -> Float { Float(self[name]) }

    /// A yes/no hyperparameter (non-zero is yes).
    public func flag(_ name: String) -> Bool { self[name] != 0 }

    /// Every hyperparameter in order.
    public var all: [(name: String, value: Double)] { names.map { ($0, values[$0]!) } }

    /// Requires `name` to be a whole number of at least `minimum`.
    func requireCount(_ name: String, minimum: Int = 1) throws(AgentError) {
        let value = self[name]
        guard value == value.rounded(), value >= Double(minimum) else {
            throw .invalidHyperparameter(name: name, reason: "it must be a whole number of at least \(minimum)")
        }
    }

    /// Requires `name` to lie in `range`.
    func requireRange(_ name: String, _ range: ClosedRange<Double>) throws(AgentError) {
        guard range.contains(self[name]) else {
            throw .invalidHyperparameter(name: name, reason: "it must lie in [\(range.lowerBound), \(range.upperBound)]")
        }
    }

    /// The checks every off-policy agent makes.
    func validateOffPolicy() throws(AgentError) {
        for name in ["buffer_size", "batch_size", "policy_frequency", "updates_per_step", "hidden_size", "hidden_layers"] {
            try requireCount(name)
        }
        try requireCount("learning_starts", minimum: 0)
        try requireRange("gamma", 0...1)
        try requireRange("tau", 0...1)
    }

    /// The hidden layer sizes from `hidden_size` and `hidden_layers`.
    var hiddenSizes: [Int] { [Int](repeating: int("hidden_size"), count: int("hidden_layers")) }

    public var description: String { all.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
}
