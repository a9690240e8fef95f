/// Gait's own agents, one plugin: what `gait agents` lists and `--agent` chooses from when no
/// other plugin is installed.
public enum BuiltinAgents: AgentPlugin {
    /// The plugin's name in errors.
    public static let name = "builtin"

    /// SAC's policy is its actor's mean, squashed; TD3's and DDPG's their actor, squashed; the
    /// on-policy agents' the Gaussian's mean as it is (the environment clips it).
    private static let squashedMean = PolicyHead(network: "actor", hidden: .relu, output: .tanhOfMean),
                       squashed = PolicyHead(network: "actor", hidden: .relu, output: .tanh),
                       gaussianMean = PolicyHead(network: "actor_mean", hidden: .tanh, output: .identity)

    /// SAC, TD3, DDPG, PPO, A2C, A3C and REINFORCE, in the order `gait agents` lists them.
    public static let agents: [AgentSpec] = [
        AgentSpec(SACAgent.self, name: "sac", summary: "Soft Actor-Critic (Haarnoja et al. 2018), as CleanRL's sac_continuous_action.py: twin critics, "
                  + "a tanh-squashed Gaussian policy and automatic entropy tuning", policy: squashedMean),
        AgentSpec(TD3Agent.self, name: "td3", summary: "Twin Delayed DDPG (Fujimoto et al. 2018), as CleanRL's td3_continuous_action.py: twin critics, "
                  + "target policy smoothing and delayed actor updates", policy: squashed),
        AgentSpec(DDPGAgent.self, name: "ddpg", summary: "Deep Deterministic Policy Gradient (Lillicrap et al. 2016), as CleanRL's ddpg_continuous_action.py", policy: squashed),
        AgentSpec(PPOAgent.self, name: "ppo", summary: "Proximal Policy Optimization (Schulman et al. 2017), as CleanRL's ppo_continuous_action.py: "
                  + "clipped surrogate, GAE, minibatch epochs", policy: gaussianMean),
        AgentSpec(A2CAgent.self, name: "a2c", summary: "Advantage Actor-Critic (synchronous A3C, Mnih et al. 2016), as Stable-Baselines3's A2C: "
                  + "n-step rollouts, GAE, one update per rollout", policy: gaussianMean),
        AgentSpec(A3CAgent.self, name: "a3c", summary: "Asynchronous Advantage Actor-Critic (Mnih et al. 2016): worker threads with their own "
                  + "environment copies apply A2C gradients to shared networks through one shared Adam, without waiting for each other; "
                  + "not reproducible unless deterministic=1", policy: gaussianMean),
        AgentSpec(REINFORCEAgent.self, name: "reinforce", summary: "REINFORCE (Williams 1992) with reward-to-go and a baseline (none, running mean or a learned V)", policy: gaussianMean),
    ]
}
