import GaitCore
import GaitNN

/// Deep Deterministic Policy Gradient (Lillicrap et al., 2016), as CleanRL's
/// `ddpg_continuous_action.py`: a deterministic tanh policy explored with Gaussian noise, one
/// critic, target networks averaged with rate τ, and the policy updated every
/// `policy_frequency` critic updates.
public final class DDPGAgent: PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show ddpg`).
    public static let hyperparameters = fields.map(\.spec)
    private static let fields = DeterministicPolicyConfiguration.fields(smoothing: false)

    public let name = "ddpg"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    private let configuration: DeterministicPolicyConfiguration
    public func bufferCapacity(copies: Int) -> Int { configuration.bufferSize }
    public let learnsOffPolicy = true
    public func firstUpdateStep(copies: Int) -> Int { Self.firstStep(after: configuration.learningStarts, copies: copies) }
    private let policy: DeterministicPolicy
    private let critic: Critic
    private var random: RandomSource
    private let batch: TransitionBatch
    private let observationNormalization: ObservationNormalization
    private let targets: Matrix
    private var steps = 0
    private var updates = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        configuration = DeterministicPolicyConfiguration(h, fields: Self.fields)
        random = RandomSource(seed: seed)
        let (hidden, memory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize, rows: configuration.batchSize)
        networkMemory = memory
        policy = DeterministicPolicy(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                     learningRate: configuration.learningRate, random: &random)
        critic = Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                        layerNormalized: configuration.layerNorm, learningRate: configuration.learningRate, random: &random)
        batch = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observationNormalization = ObservationNormalization(observationSize: observationSize,
                                                            enabled: configuration.normalizeObservations)
        targets = Matrix(rows: 0, columns: 1)
    }

    public func prepare(copies: Int, totalSteps: Int) {}

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        policy.act(observationNormalization.actorInput(observations, explore: explore), explore: explore,
                   warmingUp: steps < configuration.learningStarts, noise: configuration.explorationNoise, random: &random)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        steps = totalSteps
        guard totalSteps > configuration.learningStarts else { return nil }
        let (gamma, tau) = (configuration.gamma, configuration.tau)
        var info = Info()
        for _ in 0..<configuration.updatesPerStep {
            buffer.sample(configuration.batchSize, steps: configuration.nStep, gamma: configuration.gamma, random: &random,
                          into: batch)
            observationNormalization.normalize(batch)
            // Target: y = r + γⁿ·(1 − terminated)·Q′(s′, μ′(s′)) (n = 1 but with n_step).
            let nextActions = policy.target.forward(batch.nextObservations)
            let nextValues = critic.targetValue(batch.nextObservations, nextActions)
            BootstrappedTarget.write(into: targets, batch: batch, gamma: gamma) { nextValues.values[$0] }
            // Critic loss.
            let fit = critic.fit(batch.observations, batch.actions, targets: targets)
            info["critic_loss"] = Double(fit.loss)
            info["q_value"] = Double(fit.meanValue)
            updates += 1
            // Delayed actor, then Polyak averaging of the targets.
            if updates % configuration.policyFrequency == 0 {
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
        policy.save(into: &state)
        critic.save(into: &state, as: "qf1")
        state.set("random", random: random)
        state.set("counters", numbers: [Double(steps), Double(updates)])
        observationNormalization.save(into: &state)
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try policy.restore(from: state)
        try critic.restore(from: state, as: "qf1")
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (steps, updates) = (counters[0], counters[1])
        try observationNormalization.restore(from: state)
    }
}
