/// What `gait agents` shows: each built-in agent's one-line summary, its hyperparameters
/// (default, valid values, meaning) and the metrics its updates report.
public enum AgentCatalog {
    /// One agent's documentation.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        public let hyperparameters: [HyperparameterSpec]
        /// Each metric `learn` reports (a metrics.csv column) and what it means.
        public let metrics: [MetricSpec]
    }

    /// Every built-in agent, in `AgentFactory.names` order.
    public static let entries: [Entry] = [
        Entry(name: "sac", summary: "Soft Actor-Critic (Haarnoja et al. 2018), as CleanRL's sac_continuous_action.py: twin critics, "
              + "a tanh-squashed Gaussian policy and automatic entropy tuning", hyperparameters: SACAgent.hyperparameters,
              metrics: SACAgent.metrics),
        Entry(name: "td3", summary: "Twin Delayed DDPG (Fujimoto et al. 2018), as CleanRL's td3_continuous_action.py: twin critics, "
              + "target policy smoothing and delayed actor updates", hyperparameters: TD3Agent.hyperparameters,
              metrics: TD3Agent.metrics),
        Entry(name: "ddpg", summary: "Deep Deterministic Policy Gradient (Lillicrap et al. 2016), as CleanRL's ddpg_continuous_action.py",
              hyperparameters: DDPGAgent.hyperparameters,
              metrics: DDPGAgent.metrics),
        Entry(name: "ppo", summary: "Proximal Policy Optimization (Schulman et al. 2017), as CleanRL's ppo_continuous_action.py: "
              + "clipped surrogate, GAE, minibatch epochs", hyperparameters: PPOAgent.hyperparameters,
              metrics: PPOAgent.metrics),
        Entry(name: "a2c", summary: "Advantage Actor-Critic (synchronous A3C, Mnih et al. 2016), as Stable-Baselines3's A2C: "
              + "n-step rollouts, GAE, one update per rollout", hyperparameters: A2CAgent.hyperparameters,
              metrics: A2CAgent.metrics),
        Entry(name: "a3c", summary: "Asynchronous Advantage Actor-Critic (Mnih et al. 2016): worker threads with their own "
              + "environment copies apply A2C gradients to shared networks through one shared Adam, without waiting for each other; "
              + "not reproducible unless deterministic=1", hyperparameters: A3CAgent.hyperparameters, metrics: A3CAgent.metrics),
        Entry(name: "reinforce", summary: "REINFORCE (Williams 1992) with reward-to-go and a baseline (none, running mean or a learned V)",
              hyperparameters: REINFORCEAgent.hyperparameters,
              metrics: REINFORCEAgent.metrics),
    ]

    /// The entry of agent `name`, or an error listing the agents.
    public static func entry(_ name: String) throws(AgentError) -> Entry {
        guard let entry = entries.first(where: { $0.name == name }) else { throw .unknownAgent(name: name, valid: AgentFactory.names) }
        return entry
    }
}
