/// What `gait agents` shows: each built-in agent's one-line summary, its hyperparameters
/// (default, valid values, meaning) and the metrics its updates report.
public enum AgentCatalog {
    /// One agent's documentation.
    public struct Entry: Sendable {
        public let name: String
        public let summary: String
        public let hyperparameters: [HyperparameterSpec]
        /// Each metric `learn` reports (a metrics.csv column) and what it means.
        public let metrics: [(name: String, meaning: String)]
    }

    /// Every built-in agent, in `AgentFactory.names` order.
    public static let entries: [Entry] = [
        Entry(name: "sac", summary: "Soft Actor-Critic (Haarnoja et al. 2018), as CleanRL's sac_continuous_action.py: twin critics, "
              + "a tanh-squashed Gaussian policy and automatic entropy tuning", hyperparameters: SACAgent.hyperparameters,
              metrics: [("critic_loss", "mean of the two critics' mean squared errors against the soft target"),
                        ("q_value", "mean Q of the first critic on the batch's actions"),
                        ("actor_loss", "mean of α·log π(a|s) − min Q(s, a) over the batch's states (sampled actions)"),
                        ("alpha_loss", "the temperature loss −log α·(log π + target entropy) (with autotune)"),
                        ("entropy", "mean −log π(a|s) of the sampled actions (with autotune)"), ("alpha", "the entropy temperature α")]),
        Entry(name: "td3", summary: "Twin Delayed DDPG (Fujimoto et al. 2018), as CleanRL's td3_continuous_action.py: twin critics, "
              + "target policy smoothing and delayed actor updates", hyperparameters: TD3Agent.hyperparameters,
              metrics: [("critic_loss", "mean of the two critics' mean squared errors against the clipped double-Q target"),
                        ("q_value", "mean Q of the first critic on the batch's actions"), ("actor_loss", "−mean Q(s, μ(s))")]),
        Entry(name: "ddpg", summary: "Deep Deterministic Policy Gradient (Lillicrap et al. 2016), as CleanRL's ddpg_continuous_action.py",
              hyperparameters: DDPGAgent.hyperparameters,
              metrics: [("critic_loss", "the critic's mean squared error against the bootstrapped target"),
                        ("q_value", "mean Q on the batch's actions"), ("actor_loss", "−mean Q(s, μ(s))")]),
        Entry(name: "ppo", summary: "Proximal Policy Optimization (Schulman et al. 2017), as CleanRL's ppo_continuous_action.py: "
              + "clipped surrogate, GAE, minibatch epochs", hyperparameters: PPOAgent.hyperparameters,
              metrics: [("policy_loss", "the clipped surrogate loss of the last minibatch"),
                        ("value_loss", "the value loss of the last minibatch (clipped when clip_vloss)"),
                        ("entropy", "the Gaussian policy's entropy"), ("approx_kl", "the approximate KL divergence old → new policy on the last minibatch"),
                        ("clip_fraction", "the fraction of the last minibatch's samples whose ratio was clipped"), ("learning_rate", "the (annealed) learning rate")]),
        Entry(name: "a2c", summary: "Advantage Actor-Critic (synchronous A3C, Mnih et al. 2016), as Stable-Baselines3's A2C: "
              + "n-step rollouts, GAE, one update per rollout", hyperparameters: A2CAgent.hyperparameters,
              metrics: [("policy_loss", "−mean(A·log π(a|s)) over the rollout, before the update"),
                        ("value_loss", "mean squared error of V against the returns"), ("entropy", "the Gaussian policy's entropy"),
                        ("gradient_norm", "the global gradient norm before clipping")]),
        Entry(name: "reinforce", summary: "REINFORCE (Williams 1992) with reward-to-go and a baseline (none, running mean or a learned V)",
              hyperparameters: REINFORCEAgent.hyperparameters,
              metrics: [("policy_loss", "−mean((G − b)·log π(a|s)) over the batch, before the update"),
                        ("mean_return_to_go", "the mean return (to go) the estimator weights steps with"),
                        ("entropy", "the Gaussian policy's entropy"), ("value_loss", "the learned baseline's final mean squared error")]),
    ]

    /// The entry of agent `name`, or an error listing the agents.
    public static func entry(_ name: String) throws(AgentError) -> Entry {
        guard let entry = entries.first(where: { $0.name == name }) else { throw .unknownAgent(name: name, valid: AgentFactory.names) }
        return entry
    }
}
