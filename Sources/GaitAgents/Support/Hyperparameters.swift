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

    /// `layers` hidden layers of `width` units, once the memory of the agent's networks has been
    /// checked: up to three networks (an actor and two critics) taking observation and action,
    /// each with a gradient, two Adam moments and a target copy of its weights, and activations
    /// for `rows` rows at a time; `copies` such sets (A3C's workers).
    static func hiddenSizes(width hiddenSize: Int, layers hiddenLayers: Int, observationSize: Int, actionSize: Int, rows: Int,
                            copies: Int = 1) throws(AgentError) -> [Int] {
        let (width, layers) = (Double(hiddenSize), Double(hiddenLayers))
        let inputs = Double(observationSize + actionSize)
        let parameters = (inputs + 1) * width + (width + 1) * width * (layers - 1) + (width + 1) * Double(2 * actionSize)
        let activations = Double(rows) * (width * layers + inputs)
        try MemoryBudget.require(Double(copies) * 3 * 4 * (5 * parameters + 4 * activations),
                                 for: "networks of \(hiddenLayers) layers × \(hiddenSize) units updated on \(rows) rows at a time"
                                     + (copies > 1 ? ", \(copies) copies of them" : ""),
                                 advice: "Lower hidden_size, hidden_layers, the batch or rollout size" + (copies > 1 ? " or workers." : "."))
        return [Int](repeating: hiddenSize, count: hiddenLayers)
    }

    public var description: String { all.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
}
