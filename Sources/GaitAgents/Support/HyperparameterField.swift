/// One hyperparameter of a typed configuration, declared once: what it is (its
/// `HyperparameterSpec`: name, default, valid values and meaning) and the field it sets. An
/// agent's list of these gives its documented hyperparameters (`gait agents show`, range checks,
/// config files and checkpoints go by the specs) and fills its configuration by field, not by
/// position.
public struct HyperparameterField<Configuration>: Sendable {
    public let spec: HyperparameterSpec
    private let set: @Sendable (inout Configuration, Double) -> Void

    /// `spec`, setting `field`.
    public init<Value: HyperparameterValue>(_ field: WritableKeyPath<Configuration, Value> & Sendable, _ spec: HyperparameterSpec) {
        self.spec = spec
        set = { configuration, value in configuration[keyPath: field] = Value(hyperparameter: value) }
    }

    private init(spec: HyperparameterSpec, set: @escaping @Sendable (inout Configuration, Double) -> Void) {
        self.spec = spec
        self.set = set
    }

    /// The same hyperparameter setting its field inside the `part` of a larger configuration.
    public func within<Whole>(_ part: WritableKeyPath<Whole, Configuration> & Sendable) -> HyperparameterField<Whole> {
        let set = set
        return HyperparameterField<Whole>(spec: spec) { whole, value in set(&whole[keyPath: part], value) }
    }

    /// Sets the field to `value` (already checked against the spec).
    public func apply(_ value: Double, to configuration: inout Configuration) { set(&configuration, value) }
}

/// A configuration's hyperparameters as typed fields, each declared once as a
/// `HyperparameterField`.
public protocol AgentConfiguration: Sendable {
    /// Every field at a placeholder, until `init(_:fields:)` sets it.
    init()
}

extension AgentConfiguration {
    /// The configuration the checked `hyperparameters` give, one field for each of `fields`.
    public init(_ hyperparameters: Hyperparameters, fields: [HyperparameterField<Self>]) {
        self.init()
        for field in fields { field.apply(hyperparameters[field.spec.name], to: &self) }
    }
}

/// The type of a configuration field that a hyperparameter (a number checked against its spec)
/// sets.
public protocol HyperparameterValue: Sendable {
    /// The field's value for the hyperparameter `value` (already checked against its spec).
    init(hyperparameter value: Double)
}

extension Float: HyperparameterValue {
    public init(hyperparameter value: Double) { self.init(value) }
}

extension Double: HyperparameterValue {
    public init(hyperparameter value: Double) { self = value }
}

extension Int: HyperparameterValue {
    public init(hyperparameter value: Double) { self.init(value) }
}

extension Bool: HyperparameterValue {
    /// Non-zero is yes.
    public init(hyperparameter value: Double) { self = value != 0 }
}

extension RawRepresentable where RawValue == Int, Self: HyperparameterValue {
    /// The case whose raw value is the hyperparameter (checked against its spec's range first).
    public init(hyperparameter value: Double) { self.init(rawValue: Int(value))! }
}
