import GaitCore
import GaitNN

/// REINFORCE (Williams, 1992), the plain policy gradient, with a choice of return estimator and
/// baseline to show what each does to the gradient's variance:
///
/// - `estimator` 0: the whole-episode return G₀ weights every step; 1: the reward-to-go Gₜ
///   (G(PO)MDP), which drops rewards that came before the action.
/// - `baseline` 0: none; 1: the running mean of past returns; 2: a learned state value V(s),
///   fitted by `value_iterations` regression steps per batch (as Spinning Up's VPG).
///
/// The policy is updated once per `batch_steps` environment steps, from that segment.
public final class REINFORCEAgent: PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show reinforce`).
    public static let hyperparameters = REINFORCEConfiguration.fields.map(\.spec)

    public let name = "reinforce"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    private let configuration: REINFORCEConfiguration
    public func bufferCapacity(copies: Int) -> Int { configuration.batchSteps }
    public func firstUpdateStep(copies: Int) -> Int { bufferCapacity(copies: copies) }
    let model: GaussianActorCritic
    private var random: RandomSource
    private let segment: TransitionBatch
    private let observations: Matrix
    private let nextObservations: Matrix
    private var baselineSum = 0.0
    private var baselineCount = 0.0
    private var lastUpdate = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        let configuration = REINFORCEConfiguration(h, fields: REINFORCEConfiguration.fields)
        self.configuration = configuration
        random = RandomSource(seed: seed)
        let (hidden, memory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize, rows: configuration.batchSteps)
        networkMemory = memory
        model = GaussianActorCritic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                    policyLearningRate: configuration.policyLr, valueLearningRate: configuration.valueLr,
                                    withCritic: configuration.baseline == .learnedValue,
                                    normalizeObservations: configuration.normalizeObservations,
                                    random: &random)
        segment = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observations = Matrix(rows: 0, columns: observationSize)
        nextObservations = Matrix(rows: 0, columns: observationSize)
    }

    public func prepare(copies: Int, totalSteps: Int) {}

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        model.act(observations, explore: explore, random: &random)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        let batchSteps = configuration.batchSteps
        guard totalSteps - lastUpdate >= batchSteps else { return nil }
        lastUpdate = totalSteps
        buffer.latest(batchSteps, into: segment)
        var info = computePolicyGradient(segment)
        model.step(maxNorm: 0, updateCritic: false)
        if configuration.baseline == .learnedValue { info["value_loss"] = Double(fitValue()) }
        return info
    }

    /// The returns the estimator weights each step with, and the baseline subtracted from them.
    private func weighting(_ segment: TransitionBatch) -> (returns: [Float], baseline: [Float]) {
        model.observationNormalization.normalize(segment.observations, into: observations)
        model.observationNormalization.normalize(segment.nextObservations, into: nextObservations)
        // Monte Carlo: an episode's returns are what happened until it ended (by termination or
        // time limit alike); only an episode the segment cuts off is completed with V, if learned.
        var nextValues = [Float](repeating: 0, count: segment.count)
        if configuration.baseline == .learnedValue {
            let values = model.values(nextObservations)
            var seen = Set<Int>()
            for t in segment.streams.indices.reversed() where seen.insert(segment.streams[t]).inserted {
                if !segment.terminated[t] && !segment.truncated[t] { nextValues[t] = values[t] }
            }
        }
        let ended = zip(segment.terminated, segment.truncated).map { $0 || $1 }
        let never = [Bool](repeating: false, count: segment.count)
        let gamma = configuration.gamma
        let estimate = configuration.estimator == .episodeReturn ? ReturnEstimation.episodeReturns : ReturnEstimation.rewardsToGo
        let returns = estimate(segment.rewards, nextValues, ended, never, segment.streams, gamma)
        switch configuration.baseline {
        case .runningMean:
            let mean = baselineCount > 0 ? Float(baselineSum / baselineCount) : 0
            baselineSum += returns.reduce(0.0) { $0 + Double($1) }
            baselineCount += Double(returns.count)
            return (returns, [Float](repeating: mean, count: returns.count))
        case .learnedValue: return (returns, model.values(observations))
        case .none: return (returns, [Float](repeating: 0, count: returns.count))
        }
    }

    /// Fills the policy's gradients with the REINFORCE estimate of −∇ mean((G − b)·log π(a|s))
    /// for `segment`, without updating anything (also used to measure the estimator's variance).
    @discardableResult
    public func computePolicyGradient(_ segment: TransitionBatch) -> Info {
        let (returns, baseline) = weighting(segment)
        let count = Float(segment.count)
        let weights = zip(returns, baseline).map { -($0 - $1) / count }
        // The policy loss −mean((G − b)·log π(a|s)), measured before the step.
        let policyLoss = zip(weights, model.logProbabilities(observations, segment.actions)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        model.backwardPolicy(observations, segment.actions, weights: weights, entropyCoefficient: 0)
        valueTargets = returns
        return Info(["policy_loss": Double(policyLoss), "mean_return_to_go": Double(returns.reduce(0, +) / count),
                     "entropy": Double(model.entropy)])
    }

    /// The policy's current gradient, flattened (actor parameters, then log σ).
    public var policyGradient: [Float] { Array(model.actor.gradients) + Array(model.logStd.gradients) }

    private var valueTargets: [Float] = []

    /// Regresses V(s) on the returns of the last `computePolicyGradient`; returns the final loss.
    func fitValue() -> Float {
        guard let critic = model.critic, let optimizer = model.criticOptimizer else { return 0 }
        let targets = Matrix(rows: valueTargets.count, columns: 1, elements: valueTargets)
        let gradient = Matrix(rows: 0, columns: 1)
        var loss: Float = 0
        for _ in 0..<configuration.valueIterations {
            loss = MeanSquaredError.loss(prediction: critic.forward(observations), target: targets, gradient: gradient)
            critic.backward(gradient)
            optimizer.update(critic)
        }
        return loss
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("policy_loss", "−mean((G − b)·log π(a|s)) over the batch, before the update"),
        MetricSpec("mean_return_to_go", "the mean return (to go) the estimator weights steps with"),
        MetricSpec("entropy", "the Gaussian policy's entropy"),
        MetricSpec("value_loss", "the learned baseline's final mean squared error", watched: true),
    ]

    public let metricNames = REINFORCEAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        model.save(into: &state)
        state.set("random", random: random)
        state.set("counters", numbers: [baselineSum, baselineCount, Double(lastUpdate)])
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try model.restore(from: state)
        random = try state.random("random")
        let counters = try state.numbers("counters", count: 3)
        (baselineSum, baselineCount) = (counters[0], counters[1])
        lastUpdate = try StateDictionary.whole(counters[2], name: "counters")
    }
}
