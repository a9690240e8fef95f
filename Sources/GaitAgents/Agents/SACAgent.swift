import Foundation
import GaitCore
import GaitNN

/// Soft Actor-Critic (Haarnoja et al., 2018), as CleanRL's `sac_continuous_action.py`: a
/// tanh-squashed Gaussian policy, twin critics with target networks, entropy regularisation
/// with automatic tuning of α towards a target entropy of −|A|, and `policy_frequency` actor
/// updates every `policy_frequency` critic updates.
public final class SACAgent: PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show sac`).
    public static let hyperparameters = SACConfiguration.fields.map(\.spec)

    public let name = "sac"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    private let configuration: SACConfiguration
    public func bufferCapacity(copies: Int) -> Int { configuration.bufferSize }
    public let learnsOffPolicy = true
    public func firstUpdateStep(copies: Int) -> Int { Self.firstStep(after: configuration.learningStarts, copies: copies) }
    /// The entropy coefficient in use.
    public private(set) var alpha: Float
    private let actor: MLP
    private let actorOptimizer: Adam
    private let critics: TwinCritics
    private let logAlpha = ParameterVector(count: 1)
    private let alphaOptimizer: Adam
    private let targetEntropy: Float
    private var random: RandomSource
    private let batch: TransitionBatch
    private let observationNormalization: ObservationNormalization
    // Scratch for sampling and gradients.
    private let mean, logStd, noise, actions, targets, meanGradient, logStdGradient, actorGradient: Matrix
    private var logProbability: [Float] = []
    private var logProbabilityWeights: [Float] = []
    private var steps = 0
    private var updates = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        let configuration = try SACConfiguration.checked(h)
        hyperparameters = h
        self.configuration = configuration
        random = RandomSource(seed: seed)
        let (hidden, memory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize, rows: configuration.batchSize)
        networkMemory = memory
        actor = MLP(sizes: [observationSize] + hidden + [2 * actionSize], random: &random)
        actorOptimizer = Adam(for: actor, learningRate: configuration.policyLr)
        critics = TwinCritics(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                              layerNormalized: configuration.layerNorm, learningRate: configuration.qLr, random: &random)
        actor.worker = critics.worker
        alphaOptimizer = Adam(parameterCount: 1, learningRate: configuration.qLr)
        targetEntropy = -configuration.targetEntropyScale * Float(actionSize)
        alpha = configuration.autotune ? configuration.initialAlpha : configuration.alpha
        logAlpha.parameters[0] = log(configuration.initialAlpha)
        batch = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observationNormalization = ObservationNormalization(observationSize: observationSize,
                                                            enabled: configuration.normalizeObservations)
        (mean, logStd, noise, actions, meanGradient, logStdGradient) = (
            Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize),
            Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize))
        targets = Matrix(rows: 0, columns: 1)
        actorGradient = Matrix(rows: 0, columns: 2 * actionSize)
    }

    public func prepare(copies: Int, totalSteps: Int) {}

    /// Runs the actor: the mean and the bounded log σ = min + ½(max − min)(tanh(raw) + 1).
    private func policy(_ observations: Matrix) {
        let output = actor.forward(observations)
        mean.copyColumns(of: output, from: 0)
        logStd.copyColumns(of: output, from: mean.columns)
        let (low, high) = (configuration.logStdMin, configuration.logStdMax)
        for i in 0..<logStd.count { logStd.values[i] = low + 0.5 * (high - low) * (tanh(logStd.values[i]) + 1) }
    }

    /// Samples a = tanh(μ + σε) for every row into `actions`, log π(a) into `logProbability`.
    private func sample(_ observations: Matrix) {
        policy(observations)
        noise.fillNormal(rows: observations.rows, random: &random)
        if logProbability.count != observations.rows { logProbability = [Float](repeating: 0, count: observations.rows) }
        TanhGaussian.sample(mean: mean, logStd: logStd, noise: noise, action: actions, logProbability: &logProbability)
    }

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        let observations = observationNormalization.actorInput(observations, explore: explore)
        if explore && steps < configuration.learningStarts {
            actions.fillUniform(rows: observations.rows, random: &random)
        } else if explore {
            sample(observations)
        } else {
            policy(observations)
            actions.copy(from: mean)
            for i in 0..<actions.count { actions.values[i] = tanh(actions.values[i]) }
        }
        return actions
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        steps = totalSteps
        guard totalSteps > configuration.learningStarts else { return nil }
        var info = Info()
        for _ in 0..<configuration.updatesPerStep {
            buffer.sample(configuration.batchSize, steps: configuration.nStep, gamma: configuration.gamma, random: &random,
                          into: batch)
            observationNormalization.normalize(batch)
            updateCritics(info: &info)
            updates += 1
            if updates % configuration.policyFrequency == 0 {
                // Delayed actor (and temperature), as CleanRL: as many actor updates as critic updates overall.
                for _ in 0..<configuration.policyFrequency { updateActor(info: &info) }
            }
            if updates % configuration.targetNetworkFrequency == 0 { critics.updateTargets(tau: configuration.tau) }
        }
        info["alpha"] = Double(alpha)
        return info
    }

    /// The soft target y = r + γⁿ·(1 − terminated)·(min(Q′₁, Q′₂)(s′, a′) − α·log π(a′|s′)) (n = 1 but with n_step),
    /// a′ ~ π(·|s′), then one regression step of both critics towards it.
    private func updateCritics(info: inout Info) {
        sample(batch.nextObservations)
        let next = critics.targetMinimum(batch.nextObservations, actions)
        BootstrappedTarget.write(into: targets, batch: batch, gamma: configuration.gamma) {
            next.values[$0] - alpha * logProbability[$0]
        }
        let fit = critics.fit(batch.observations, batch.actions, targets: targets)
        info["critic_loss"] = fit.loss
        info["q_value"] = Double(fit.meanValue)
    }

    /// Minimises mean(α·log π(a|s) − min(Q₁, Q₂)(s, a)) with a = tanh(μ + σε) reparameterised,
    /// then (with autotune) α towards the target entropy, using the same sample's log π (as
    /// Stable-Baselines3 does).
    private func updateActor(info: inout Info) {
        let rows = batch.count
        sample(batch.observations)
        // ∂loss/∂a flows through whichever critic is smaller in each row.
        let (q, actionGradient) = critics.minimum(batch.observations, actions, weight: -1 / Float(rows))
        var loss: Float = 0
        for row in 0..<rows { loss += alpha * logProbability[row] - q.values[row] }
        if logProbabilityWeights.count != rows { logProbabilityWeights = [Float](repeating: 0, count: rows) }
        for row in 0..<rows { logProbabilityWeights[row] = alpha / Float(rows) }
        TanhGaussian.gradient(mean: mean, logStd: logStd, noise: noise, logProbabilityWeights: logProbabilityWeights,
                              actionGradient: actionGradient, meanGradient: meanGradient, logStdGradient: logStdGradient)
        // Through log σ = min + ½(max − min)(tanh(raw) + 1): ∂/∂raw = ½(max − min)(1 − tanh²(raw)).
        let (low, high) = (configuration.logStdMin, configuration.logStdMax)
        actorGradient.resize(rows: rows)
        let width = actions.columns
        for row in 0..<rows {
            for j in 0..<width {
                let squashed = 2 * (logStd[row, j] - low) / (high - low) - 1
                actorGradient[row, j] = meanGradient[row, j]
                actorGradient[row, width + j] = logStdGradient[row, j] * 0.5 * (high - low) * (1 - squashed * squashed)
            }
        }
        actor.backward(actorGradient)
        actorOptimizer.update(actor)
        info["actor_loss"] = Double(loss / Float(rows))
        // Temperature.
        guard configuration.autotune else { return }
        // loss(log α) = mean(−α·(log π + target entropy)); its gradient is the loss itself.
        var excess: Float = 0
        for row in 0..<rows { excess += logProbability[row] + targetEntropy }
        let alphaLoss = -exp(logAlpha.parameters[0]) * excess / Float(rows)
        logAlpha.gradients[0] = alphaLoss
        alphaOptimizer.update(logAlpha.parameters, gradients: logAlpha.gradients)
        alpha = exp(logAlpha.parameters[0])
        info["alpha_loss"] = Double(alphaLoss)
        info["entropy"] = Double(-logProbability.reduce(0, +) / Float(rows))
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("critic_loss", "mean of the two critics' mean squared errors against the soft target", watched: true),
        MetricSpec("q_value", "mean Q of the first critic on the batch's actions"),
        MetricSpec("actor_loss", "mean of α·log π(a|s) − min Q(s, a) over the batch's states (sampled actions)"),
        MetricSpec("alpha_loss", "the temperature loss −log α·(log π + target entropy) (with autotune)"),
        MetricSpec("entropy", "mean −log π(a|s) of the sampled actions (with autotune)"),
        MetricSpec("alpha", "the entropy temperature α"),
    ]

    public let metricNames = SACAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        state.set("actor", network: actor)
        state.set("actor_optimizer", optimizer: actorOptimizer)
        critics.save(into: &state)
        state.set("log_alpha", parameters: logAlpha)
        state.set("alpha_optimizer", optimizer: alphaOptimizer)
        state.set("alpha", number: Double(alpha))
        state.set("random", random: random)
        state.set("counters", numbers: [Double(steps), Double(updates)])
        observationNormalization.save(into: &state)
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try state.load("actor", into: actor)
        try state.load("actor_optimizer", into: actorOptimizer)
        try critics.restore(from: state)
        try state.load("log_alpha", into: logAlpha)
        try state.load("alpha_optimizer", into: alphaOptimizer)
        alpha = Float(try state.number("alpha"))
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (steps, updates) = (counters[0], counters[1])
        try observationNormalization.restore(from: state)
    }

    /// The conventional run state, and α itself: a run's fixed `alpha`, or with autotuning
    /// recomputed from the learned log α at the first update.
    public func isRunState(_ key: String) -> Bool { key == "alpha" || Self.isConventionalRunState(key) }
}
