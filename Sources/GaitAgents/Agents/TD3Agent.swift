import GaitCore
import GaitNN

/// Twin Delayed DDPG (Fujimoto et al., 2018), as CleanRL's `td3_continuous_action.py`: two
/// critics whose minimum forms the target, target policy smoothing with clipped noise, and
/// delayed policy and target updates.
public final class TD3Agent: PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show td3`).
    public static let hyperparameters = fields.map(\.spec)
    private static let fields = DeterministicPolicyConfiguration.fields(smoothing: true)

    public let name = "td3"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    private let configuration: DeterministicPolicyConfiguration
    public func bufferCapacity(copies: Int) -> Int { configuration.bufferSize }
    public let learnsOffPolicy = true
    public func firstUpdateStep(copies: Int) -> Int { Self.firstStep(after: configuration.learningStarts, copies: copies) }
    private let policy: DeterministicPolicy
    private let critics: TwinCritics
    private var random: RandomSource
    private let batch: TransitionBatch
    private let observationNormalization: ObservationNormalization
    private let smoothedActions: Matrix
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
        critics = TwinCritics(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                              layerNormalized: configuration.layerNorm, learningRate: configuration.learningRate, random: &random)
        policy.network.worker = critics.worker
        batch = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observationNormalization = ObservationNormalization(observationSize: observationSize,
                                                            enabled: configuration.normalizeObservations)
        smoothedActions = Matrix(rows: 0, columns: actionSize)
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
        let (gamma, tau, noise, clip) = (configuration.gamma, configuration.tau, configuration.policyNoise, configuration.noiseClip)
        var info = Info()
        for _ in 0..<configuration.updatesPerStep {
            buffer.sample(configuration.batchSize, steps: configuration.nStep, gamma: configuration.gamma, random: &random,
                          into: batch)
            observationNormalization.normalize(batch)
            // Target policy smoothing: ã = clip(μ′(s′) + clip(ε, −c, c), −1, 1), ε ~ N(0, σ²).
            smoothedActions.copy(from: policy.target.forward(batch.nextObservations))
            for i in 0..<smoothedActions.count {
                let epsilon = min(max(noise * Float(random.normal()), -clip), clip)
                smoothedActions.values[i] = min(max(smoothedActions.values[i] + epsilon, -1), 1)
            }
            // Clipped double-Q target: y = r + γⁿ·(1 − terminated)·min(Q′₁, Q′₂)(s′, ã) (n = 1 but with n_step).
            let next = critics.targetMinimum(batch.nextObservations, smoothedActions)
            BootstrappedTarget.write(into: targets, batch: batch, gamma: gamma) { next.values[$0] }
            // Critic loss: both critics fit the one target.
            let fit = critics.fit(batch.observations, batch.actions, targets: targets)
            info["critic_loss"] = Double(fit.loss)
            info["q_value"] = Double(fit.meanValue)
            updates += 1
            // Delayed actor (against Q₁, as the paper), then Polyak averaging of the targets.
            if updates % configuration.policyFrequency == 0 {
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
        policy.save(into: &state)
        critics.save(into: &state)
        state.set("random", random: random)
        state.set("counters", numbers: [Double(steps), Double(updates)])
        observationNormalization.save(into: &state)
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try policy.restore(from: state)
        try critics.restore(from: state)
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (steps, updates) = (counters[0], counters[1])
        try observationNormalization.restore(from: state)
    }
}
