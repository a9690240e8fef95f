import GaitCore
import GaitNN

/// Advantage Actor-Critic (Mnih et al., 2016) in its synchronous form with GAE, defaults as
/// Stable-Baselines3's A2C (with Adam for RMSprop): every `n_steps` steps of every copy, one gradient step on
/// −mean(A·log π) + vf_coef·mean((V − R)²) − ent_coef·entropy.
public final class A2CAgent: Agent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show a2c`).
    public static let hyperparameters: [HyperparameterSpec] = [
        .learningRate("learning_rate", 7e-4, "Adam learning rate"),
        .count("n_steps", 5, "environment steps per copy in each rollout (one update per rollout)"),
        .gamma,
        .real("gae_lambda", 1, 0...1, "λ of generalized advantage estimation (1: n-step returns)"),
        .entropyCoefficient,
        .valueCoefficient,
        .maximumGradientNorm,
        .flag("normalize_advantage", 0, "standardize advantages per rollout"),
        .normalizeObservations(0),
        .normalizeRewards(0),
        .hiddenSize(64),
        .hiddenLayers,
    ]

    public let name = "a2c"
    public let hyperparameters: Hyperparameters
    public func bufferCapacity(copies: Int) -> Int { hyperparameters.int("n_steps") * copies }
    public func firstUpdateStep(copies: Int) -> Int { bufferCapacity(copies: copies) }
    private var copies = 1
    let model: GaussianActorCritic
    private var random: RandomSource
    private var rewardScaler: RewardScaler?
    private let segment: TransitionBatch
    private let observations: Matrix
    private let nextObservations: Matrix
    private var lastUpdate = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        random = RandomSource(seed: seed)
        let hidden = try h.hiddenSizes(observationSize: observationSize, actionSize: actionSize, rows: h.int("n_steps"))
        model = GaussianActorCritic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                    policyLearningRate: h.float("learning_rate"), valueLearningRate: h.float("learning_rate"),
                                    withCritic: true, normalizeObservations: h.flag("normalize_observations"),
                                    random: &random)
        rewardScaler = h.flag("normalize_rewards") ? RewardScaler(gamma: h["gamma"]) : nil
        segment = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observations = Matrix(rows: 0, columns: observationSize)
        nextObservations = Matrix(rows: 0, columns: observationSize)
    }

    public func prepare(copies: Int, totalSteps: Int) { self.copies = copies }

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        model.act(observations, explore: explore, random: &random)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        let length = bufferCapacity(copies: copies)
        guard totalSteps - lastUpdate >= length else { return nil }
        lastUpdate = totalSteps
        buffer.latest(length, into: segment)
        let h = hyperparameters
        let rewards = rewardScaler?.scale(segment) ?? segment.rewards
        let estimate = model.estimate(segment, rewards: rewards, gamma: h.float("gamma"), lambda: h.float("gae_lambda"),
                                      observations: observations, nextObservations: nextObservations)
        let returns = estimate.returns
        let advantages = h.flag("normalize_advantage") ? Standardize.values(estimate.advantages) : estimate.advantages
        let count = Float(length)
        // The policy loss −mean(A·log π(a|s)), measured before the step.
        let logProbabilities = model.logProbabilities(observations, segment.actions)
        let policyLoss = -zip(advantages, logProbabilities).reduce(Float(0)) { $0 + $1.0 * $1.1 } / count
        model.backwardPolicy(observations, segment.actions, weights: advantages.map { -$0 / count },
                             entropyCoefficient: h.float("ent_coef"))
        let predicted = model.values(observations)
        let valueLoss = zip(predicted, returns).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / count
        model.backwardValue(weights: zip(predicted, returns).map { h.float("vf_coef") * 2 * ($0 - $1) / count })
        let norm = model.step(maxNorm: h.float("max_grad_norm"))
        return Info(["policy_loss": Double(policyLoss), "value_loss": Double(valueLoss), "entropy": Double(model.entropy),
                     "gradient_norm": Double(norm)])
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("policy_loss", "−mean(A·log π(a|s)) over the rollout, before the update"),
        MetricSpec("value_loss", "mean squared error of V against the returns"),
        MetricSpec("entropy", "the Gaussian policy's entropy"),
        MetricSpec("gradient_norm", "the global gradient norm before clipping"),
    ]

    public let metricNames = A2CAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        model.save(into: &state)
        rewardScaler?.save(into: &state, as: "return_rms")
        state.set("random", random: random)
        state.set("counters", numbers: [Double(copies), Double(lastUpdate)])
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try model.restore(from: state)
        try rewardScaler?.restore(from: state, as: "return_rms")
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (copies, lastUpdate) = (counters[0], counters[1])
    }
}
