import GaitCore
import GaitNN

/// Deep Deterministic Policy Gradient (Lillicrap et al., 2016), as CleanRL's
/// `ddpg_continuous_action.py`: a deterministic tanh policy explored with Gaussian noise, one
/// critic, target networks averaged with rate τ, and the policy updated every
/// `policy_frequency` critic updates.
public final class DDPGAgent: DeterministicCoreAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show ddpg`).
    public static let hyperparameters = fields.map(\.spec)
    private static let fields = DeterministicPolicyConfiguration.fields(smoothing: false)

    public let name = "ddpg"
    private var configuration: DeterministicPolicyConfiguration { core.configuration }
    var core: DeterministicAgentCore
    private let critic: Critic

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        var core = try DeterministicAgentCore(fields: Self.fields, observationSize: observationSize, actionSize: actionSize,
                                              overrides: overrides, seed: seed)
        critic = Critic(observationSize: observationSize, actionSize: actionSize, hidden: core.hidden,
                        layerNormalized: core.configuration.layerNorm, learningRate: core.configuration.learningRate,
                        random: &core.random)
        self.core = core
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        guard core.learns(at: totalSteps) else { return nil }
        let (batch, targets, policy, tau) = (core.batch, core.targets, core.policy, configuration.tau)
        var info = Info()
        for _ in 0..<configuration.updatesPerStep {
            core.sample(from: buffer)
            // Target: y = r + γⁿ·(1 − terminated)·Q′(s′, μ′(s′)) (n = 1 but with n_step).
            let nextActions = policy.target.forward(batch.nextObservations)
            let nextValues = critic.targetValue(batch.nextObservations, nextActions)
            BootstrappedTarget.write(into: targets, batch: batch, gamma: configuration.gamma) { nextValues.values[$0] }
            // Critic loss.
            let fit = critic.fit(batch.observations, batch.actions, targets: targets)
            info["critic_loss"] = Double(fit.loss)
            info["q_value"] = Double(fit.meanValue)
            // Delayed actor, then Polyak averaging of the targets.
            if core.countCriticUpdate() {
                info["actor_loss"] = Double(policy.improve(against: critic, observations: batch.observations))
                policy.updateTarget(tau: tau)
                critic.updateTarget(tau: tau)
            }
        }
        return info
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("critic_loss", "the critic's mean squared error against the bootstrapped target", watched: true),
        MetricSpec("q_value", "mean Q on the batch's actions"),
        MetricSpec("actor_loss", "−mean Q(s, μ(s))"),
    ]

    public let metricNames = DDPGAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        core.save(into: &state)
        critic.save(into: &state, as: "qf1")
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try core.restore(from: state)
        try critic.restore(from: state, as: "qf1")
    }
}
