/// An agent type that an `AgentSpec` describes and makes: its documented hyperparameters and
/// metrics, and a way to make one from sizes, hyperparameter overrides and a seed.
public protocol PluggableAgent: Agent, SendableMetatype {
    /// Every hyperparameter: name, default, valid values and meaning.
    static var hyperparameters: [HyperparameterSpec] { get }
    /// Every metric `learn` reports, in order, with its meaning.
    static var metrics: [MetricSpec] { get }
    /// An agent for observations of `observationSize` and actions of `actionSize` with the
    /// defaults of `hyperparameters` and `overrides` applied (checked: an unknown name or a
    /// value out of range is an error).
    init(observationSize: Int, actionSize: Int, overrides: [String: Double], seed: UInt64) throws(AgentError)
}
