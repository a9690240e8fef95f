import Foundation
import GaitCore
import GaitNN

/// Asynchronous Advantage Actor-Critic (Mnih et al., 2016). `workers` threads each step an
/// environment copy of their own with a local copy of the networks, collect `n_steps`-step
/// rollouts, compute A2C's gradient (GAE) on their copy, apply it to the shared networks through
/// one shared Adam optimiser (the paper's shared-statistics optimiser, with Adam in place of
/// RMSProp as in Gait's A2C), and refresh their copy, without waiting for each other.
///
/// Asynchrony makes a run depend on thread timing, so the same seed does not repeat it. With
/// `deterministic` set, workers still collect rollouts in parallel but apply their updates in a
/// fixed round-robin order, which makes runs reproducible and resumable bit for bit.
///
/// Its defaults differ from A2C's (Stable-Baselines3's) in two places: rollouts of 128 steps and
/// rewards scaled by the running σ of the return. Each worker updates from its own rollout alone,
/// so with A2C's 5 steps every update averages 5 transitions, W workers make W times A2C's updates
/// per environment step, and on tasks whose returns span orders of magnitude (lqr's run from −10
/// to −10⁶) the policy's mean drifts into a constant push that the critic cannot follow.
public final class A3CAgent: AsynchronousAgent, PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show a3c`).
    public static let hyperparameters = A3CConfiguration.fields.map(\.spec)

    /// The most workers a run may have.
    public static let maximumWorkers = 256

    public let name = "a3c"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    public let workers: Int
    public let deterministic: Bool
    public var rolloutLength: Int { configuration.nSteps }
    public func bufferCapacity(copies: Int) -> Int { workers * configuration.nSteps }
    public func firstUpdateStep(copies: Int) -> Int { configuration.nSteps }
    private let configuration: A2CConfiguration
    /// The shared networks and their optimiser.
    let model: GaussianActorCritic
    private var random: RandomSource
    /// Each worker's own state.
    let locals: [Worker]

    /// A worker's copy of the networks, its random generator and its rollout.
    final class Worker {
        let model: GaussianActorCritic
        var random: RandomSource
        let rollout: OnPolicyRollout
        var losses = (policyLoss: Float(0), valueLoss: Float(0))

        init(copying shared: GaussianActorCritic, hidden: [Int], seed: UInt64, configuration: A2CConfiguration) {
            let (observationSize, actionSize) = (shared.actor.sizes.first!, shared.actor.sizes.last!)
            random = RandomSource(seed: seed)
            model = GaussianActorCritic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                        policyLearningRate: configuration.learningRate, valueLearningRate: configuration.learningRate,
                                        withCritic: true, normalizeObservations: false, random: &random)
            model.copyParameters(from: shared)
            rollout = OnPolicyRollout(observationSize: observationSize, actionSize: actionSize,
                                      normalizeRewards: configuration.normalizeRewards, gamma: configuration.gamma)
        }
    }

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        let whole = A3CConfiguration(h, fields: A3CConfiguration.fields)
        configuration = whole.update
        (workers, deterministic) = (whole.workers, whole.deterministic)
        var random = RandomSource(seed: seed)
        let (hidden, memory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize,
                                                                 rows: configuration.nSteps, copies: workers + 1)
        networkMemory = memory
        let model = GaussianActorCritic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                        policyLearningRate: configuration.learningRate, valueLearningRate: configuration.learningRate,
                                        withCritic: true, normalizeObservations: false, random: &random)
        locals = (0..<workers).map { [configuration] _ in
            Worker(copying: model, hidden: hidden, seed: random.next(), configuration: configuration)
        }
        self.model = model
        self.random = random
    }

    public func prepare(copies: Int, totalSteps: Int) {}

    /// Actions from the shared networks (evaluation).
    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        model.act(observations, explore: explore, random: &random)
    }

    public func explore(worker: Int, _ observations: Matrix) -> Matrix {
        let local = locals[worker]
        return local.model.act(observations, explore: true, random: &local.random)
    }

    public func computeGradient(worker: Int, from buffer: ExperienceBuffer, slots: Range<Int>) {
        let local = locals[worker]
        local.rollout.read(slots: slots, from: buffer)
        local.losses = configuration.writeGradient(into: local.model, rollout: local.rollout)
    }

    public func applyGradient(worker: Int) -> Info {
        let local = locals[worker]
        model.copyGradients(from: local.model)
        let norm = model.step(maxNorm: configuration.maxGradNorm)
        local.model.copyParameters(from: model)
        return Info(["policy_loss": Double(local.losses.policyLoss), "value_loss": Double(local.losses.valueLoss),
                     "entropy": Double(model.entropy), "gradient_norm": Double(norm)])
    }

    /// Never called: the trainer runs the workers instead (see `AsynchronousAgent`).
    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? { nil }

    /// What each update reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("policy_loss", "−mean(A·log π(a|s)) over the worker's rollout, before its update"),
        MetricSpec("value_loss", "mean squared error of the worker's V against its rollout's returns", watched: true),
        MetricSpec("entropy", "the shared Gaussian policy's entropy after the update"),
        MetricSpec("gradient_norm", "the global norm of the worker's gradient before clipping", watched: true),
    ]

    public let metricNames = A3CAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        model.save(into: &state)
        state.set("random", random: random)
        for (index, local) in locals.enumerated() {
            local.model.saveParameters(into: &state, as: "worker.\(index)")
            local.rollout.save(into: &state, as: "worker.\(index).return_rms")
            state.set("worker.\(index).random", random: local.random)
        }
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try model.restore(from: state)
        random = try state.random("random")
        for (index, local) in locals.enumerated() {
            try local.model.restoreParameters(from: state, as: "worker.\(index)")
            try local.rollout.restore(from: state, as: "worker.\(index).return_rms")
            local.random = try state.random("worker.\(index).random")
        }
    }
}
