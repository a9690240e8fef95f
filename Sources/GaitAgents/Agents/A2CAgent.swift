import GaitCore
import GaitNN

/// Advantage Actor-Critic (Mnih et al., 2016) in its synchronous form with GAE, defaults as
/// Stable-Baselines3's A2C (with Adam for RMSprop): every `n_steps` steps of every copy, one gradient step on
/// −mean(A·log π) + vf_coef·mean((V − R)²) − ent_coef·entropy.
public final class A2CAgent: PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show a2c`).
    public static let hyperparameters = fields.map(\.spec)
    private static let fields = A2CConfiguration.fields(nSteps: 5, normalizeRewards: 0)
        + [.init(\.normalizeObservations, .normalizeObservations(0))]

    public let name = "a2c"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    private let configuration: A2CConfiguration
    public func bufferCapacity(copies: Int) -> Int { configuration.nSteps * copies }
    public func firstUpdateStep(copies: Int) -> Int { bufferCapacity(copies: copies) }
    private var copies = 1
    let model: GaussianActorCritic
    private var random: RandomSource
    private let rollout: OnPolicyRollout
    private var lastUpdate = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        configuration = A2CConfiguration(h, fields: Self.fields)
        random = RandomSource(seed: seed)
        let (hidden, memory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize, rows: configuration.nSteps)
        networkMemory = memory
        model = GaussianActorCritic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                    policyLearningRate: configuration.learningRate, valueLearningRate: configuration.learningRate,
                                    withCritic: true, normalizeObservations: configuration.normalizeObservations,
                                    random: &random)
        rollout = OnPolicyRollout(observationSize: observationSize, actionSize: actionSize,
                                  normalizeRewards: configuration.normalizeRewards, gamma: configuration.gamma)
    }

    public func prepare(copies: Int, totalSteps: Int) { self.copies = copies }

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        model.act(observations, explore: explore, random: &random)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        let length = bufferCapacity(copies: copies)
        guard totalSteps - lastUpdate >= length else { return nil }
        lastUpdate = totalSteps
        rollout.read(latest: length, from: buffer)
        let (policyLoss, valueLoss) = configuration.writeGradient(into: model, rollout: rollout)
        let norm = model.step(maxNorm: configuration.maxGradNorm)
        return Info(["policy_loss": Double(policyLoss), "value_loss": Double(valueLoss), "entropy": Double(model.entropy),
                     "gradient_norm": Double(norm)])
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("policy_loss", "−mean(A·log π(a|s)) over the rollout, before the update"),
        MetricSpec("value_loss", "mean squared error of V against the returns", watched: true),
        MetricSpec("entropy", "the Gaussian policy's entropy"),
        MetricSpec("gradient_norm", "the global gradient norm before clipping", watched: true),
    ]

    public let metricNames = A2CAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        model.save(into: &state)
        rollout.save(into: &state, as: "return_rms")
        state.set("random", random: random)
        state.set("counters", numbers: [Double(copies), Double(lastUpdate)])
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try model.restore(from: state)
        try rollout.restore(from: state, as: "return_rms")
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (copies, lastUpdate) = (counters[0], counters[1])
    }
}
