/// One agent as the trainer, the command line and the Python package know it: its name and
/// summary (`gait agents`), its hyperparameters and metrics with their meanings, how to make it,
/// and how its checkpoints compute the deterministic policy. An `AgentPlugin` lists these.
public struct AgentSpec: Sendable {
    /// The name `--agent` takes (`sac`, `ppo` …).
    public let name: String
    /// One line on what the algorithm is.
    public let summary: String
    /// Every hyperparameter: name, default, valid values and meaning.
    public let hyperparameters: [HyperparameterSpec]
    /// Each metric `learn` reports (a metrics.csv column) and what it means.
    public let metrics: [MetricSpec]
    /// How a checkpoint's tensors give the deterministic policy (written into each checkpoint).
    public let policy: PolicyHead
    private let makeAgent: @Sendable (_ observationSize: Int, _ actionSize: Int, _ overrides: [String: Double],
                                      _ seed: UInt64) throws(AgentError) -> any Agent

    /// The spec of agent type `agent` under `name`.
    public init<A: PluggableAgent>(_ agent: A.Type, name: String, summary: String, policy: PolicyHead) {
        (self.name, self.summary, self.policy) = (name, summary, policy)
        (hyperparameters, metrics) = (A.hyperparameters, A.metrics)
        makeAgent = { observationSize, actionSize, overrides, seed throws(AgentError) in
            try A(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        }
    }

    /// A new agent for observations of `observationSize` and actions of `actionSize`, with
    /// hyperparameter `overrides` (an unknown name or a value out of range is an error).
    public func make(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:],
                     seed: UInt64) throws(AgentError) -> any Agent {
        try makeAgent(observationSize, actionSize, overrides, seed)
    }
}
