import GaitCore
import GaitNN

/// Twin Delayed DDPG (Fujimoto et al., 2018), as CleanRL's `td3_continuous_action.py`: two
/// critics whose minimum forms the target, target policy smoothing with clipped noise, and
/// delayed policy and target updates.
public final class TD3Agent: DeterministicCoreAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show td3`).
    public static let hyperparameters = fields.map(\.spec)
    private static let fields = DeterministicPolicyConfiguration.fields(smoothing: true)

    public let name = "td3"
    private var configuration: DeterministicPolicyConfiguration { core.configuration }
    var core: DeterministicAgentCore
    private let critics: TwinCritics
    private let smoothedActions: Matrix

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        var core = try DeterministicAgentCore(fields: Self.fields, observationSize: observationSize, actionSize: actionSize,
                                              overrides: overrides, seed: seed)
        critics = TwinCritics(observationSize: observationSize, actionSize: actionSize, hidden: core.hidden,
                              layerNormalized: core.configuration.layerNorm, learningRate: core.configuration.learningRate,
                              random: &core.random)
        core.policy.network.worker = critics.worker
        self.core = core
        smoothedActions = Matrix(rows: 0, columns: actionSize)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        guard core.learns(at: totalSteps) else { return nil }
        let (batch, targets, policy) = (core.batch, core.targets, core.policy)
        let (tau, noise, clip) = (configuration.tau, configuration.policyNoise, configuration.noiseClip)
        var info = Info()
        for _ in 0..<configuration.updatesPerStep {
            core.sample(from: buffer)
            // Target policy smoothing: ã = clip(μ′(s′) + clip(ε, −c, c), −1, 1), ε ~ N(0, σ²).
            smoothedActions.copy(from: policy.target.forward(batch.nextObservations))
            for i in 0..<smoothedActions.count {
                let epsilon = min(max(noise * Float(core.random.normal()), -clip), clip)
                smoothedActions.values[i] = min(max(smoothedActions.values[i] + epsilon, -1), 1)
            }
            // Clipped double-Q target: y = r + γⁿ·(1 − terminated)·min(Q′₁, Q′₂)(s′, ã) (n = 1 but with n_step).
            let next = critics.targetMinimum(batch.nextObservations, smoothedActions)
            BootstrappedTarget.write(into: targets, batch: batch, gamma: configuration.gamma) { next.values[$0] }
            // Critic loss: both critics fit the one target.
            let fit = critics.fit(batch.observations, batch.actions, targets: targets)
            info["critic_loss"] = Double(fit.loss)
            info["q_value"] = Double(fit.meanValue)
            // Delayed actor (against Q₁, as the paper), then Polyak averaging of the targets.
            if core.countCriticUpdate() {
                info["actor_loss"] = Double(policy.improve(against: critics.first, observations: batch.observations))
                policy.updateTarget(tau: tau)
                critics.updateTargets(tau: tau)
            }
        }
        return info
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("critic_loss", "mean of the two critics' mean squared errors against the clipped double-Q target", watched: true),
        MetricSpec("q_value", "mean Q of the first critic on the batch's actions"),
        MetricSpec("actor_loss", "−mean Q(s, μ(s))"),
    ]

    public let metricNames = TD3Agent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        core.save(into: &state)
        critics.save(into: &state)
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try core.restore(from: state)
        try critics.restore(from: state)
    }
}
