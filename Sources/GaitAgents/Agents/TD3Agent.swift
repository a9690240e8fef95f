import GaitCore
import GaitNN

/// Twin Delayed DDPG (Fujimoto et al., 2018), as CleanRL's `td3_continuous_action.py`: two
/// critics whose minimum forms the target, target policy smoothing with clipped noise, and
/// delayed policy and target updates.
public final class TD3Agent: Agent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show td3`).
    public static let hyperparameters: [HyperparameterSpec] = [
        .learningRate("learning_rate", 3e-4, "Adam learning rate of the actor and the critics"),
        .bufferSize,
        .gamma,
        .tau,
        .batchSize,
        .real("policy_noise", 0.2, 0...10, "σ of the noise added to target actions (target policy smoothing)"),
        .real("noise_clip", 0.5, 0...10, "bound of that noise"),
        .explorationNoise,
        .learningStarts(25_000),
        .policyFrequency,
        .updatesPerStep,
        .hiddenSize(256),
        .hiddenLayers,
    ]

    public let name = "td3"
    public let hyperparameters: Hyperparameters
    public func bufferCapacity(copies: Int) -> Int { hyperparameters.int("buffer_size") }
    public func firstUpdateStep(copies: Int) -> Int { hyperparameters.int("learning_starts") + 1 }
    private let policy: DeterministicPolicy
    private let critics: (Critic, Critic)
    private var random: RandomSource
    private let batch: TransitionBatch
    private let smoothedActions: Matrix
    private let targets: Matrix
    private var steps = 0
    private var updates = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        random = RandomSource(seed: seed)
        let rate = h.float("learning_rate")
        let hidden = try h.hiddenSizes(observationSize: observationSize, actionSize: actionSize, rows: h.int("batch_size"))
        policy = DeterministicPolicy(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                     learningRate: rate, random: &random)
        critics = (Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden, learningRate: rate, random: &random),
                   Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden, learningRate: rate, random: &random))
        batch = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        smoothedActions = Matrix(rows: 0, columns: actionSize)
        targets = Matrix(rows: 0, columns: 1)
    }

    public func prepare(copies: Int, totalSteps: Int) {}

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        policy.act(observations, explore: explore, warmingUp: steps < hyperparameters.int("learning_starts"),
                   noise: hyperparameters.float("exploration_noise"), random: &random)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        steps = totalSteps
        guard totalSteps > hyperparameters.int("learning_starts") else { return nil }
        let h = hyperparameters
        let (gamma, tau, noise, clip) = (h.float("gamma"), h.float("tau"), h.float("policy_noise"), h.float("noise_clip"))
        var info = Info()
        for _ in 0..<h.int("updates_per_step") {
            buffer.sample(h.int("batch_size"), random: &random, into: batch)
            // Target policy smoothing: ã = clip(μ′(s′) + clip(ε, −c, c), −1, 1), ε ~ N(0, σ²).
            smoothedActions.copy(from: policy.target.forward(batch.nextObservations))
            for i in 0..<smoothedActions.count {
                let epsilon = min(max(noise * Float(random.normal()), -clip), clip)
                smoothedActions.values[i] = min(max(smoothedActions.values[i] + epsilon, -1), 1)
            }
            // Clipped double Q: y = r + γ·(1 − terminated)·min(Q′₁, Q′₂)(s′, ã).
            let first = critics.0.targetValue(batch.nextObservations, smoothedActions)
            targets.resize(rows: batch.count)
            targets.values.update(from: first.values, count: batch.count)
            let second = critics.1.targetValue(batch.nextObservations, smoothedActions)
            for row in 0..<batch.count {
                let next = min(targets.values[row], second.values[row])
                targets.values[row] = batch.rewards[row] + (batch.terminated[row] ? 0 : gamma * next)
            }
            let fit1 = critics.0.fit(batch.observations, batch.actions, targets: targets)
            let fit2 = critics.1.fit(batch.observations, batch.actions, targets: targets)
            info["critic_loss"] = Double(fit1.loss + fit2.loss) / 2
            info["q_value"] = Double(fit1.meanValue)
            updates += 1
            if updates % h.int("policy_frequency") == 0 {
                info["actor_loss"] = Double(policy.improve(against: critics.0, observations: batch.observations))
                policy.updateTarget(tau: tau)
                critics.0.updateTarget(tau: tau)
                critics.1.updateTarget(tau: tau)
            }
        }
        return info
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("critic_loss", "mean of the two critics' mean squared errors against the clipped double-Q target"),
        MetricSpec("q_value", "mean Q of the first critic on the batch's actions"),
        MetricSpec("actor_loss", "−mean Q(s, μ(s))"),
    ]

    public let metricNames = TD3Agent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        policy.save(into: &state)
        critics.0.save(into: &state, as: "qf1")
        critics.1.save(into: &state, as: "qf2")
        state.set("random", random: random)
        state.set("counters", numbers: [Double(steps), Double(updates)])
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try policy.restore(from: state)
        try critics.0.restore(from: state, as: "qf1")
        try critics.1.restore(from: state, as: "qf2")
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (steps, updates) = (counters[0], counters[1])
    }
}
