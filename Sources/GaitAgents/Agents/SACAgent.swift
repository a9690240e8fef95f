import Foundation
import GaitCore
import GaitNN

/// Soft Actor-Critic (Haarnoja et al., 2018), as CleanRL's `sac_continuous_action.py`: a
/// tanh-squashed Gaussian policy, twin critics with target networks, entropy regularisation
/// with automatic tuning of α towards a target entropy of −|A|, and `policy_frequency` actor
/// updates every `policy_frequency` critic updates.
public final class SACAgent: Agent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show sac`).
    public static let hyperparameters: [HyperparameterSpec] = [
        .learningRate("policy_lr", 3e-4, "Adam learning rate of the policy"),
        .learningRate("q_lr", 1e-3, "Adam learning rate of the critics (and of α with autotune)"),
        .bufferSize,
        .gamma,
        .tau,
        .batchSize,
        .learningStarts(5_000),
        .policyFrequency,
        .count("target_network_frequency", 1, "critic updates between two Polyak updates of the target critics"),
        .real("alpha", 0.2, 0...1_000, "entropy temperature α (the starting value is 1 with autotune)"),
        .flag("autotune", 1, "tune α towards a target entropy of −|A|"),
        .updatesPerStep,
        .hiddenSize(256),
        .hiddenLayers,
        .real("log_std_min", -5, -20...20, "lower bound of the policy's log σ"),
        .real("log_std_max", 2, -20...20, "upper bound of the policy's log σ"),
    ]

    public let name = "sac"
    public let hyperparameters: Hyperparameters
    public func bufferCapacity(copies: Int) -> Int { hyperparameters.int("buffer_size") }
    public func firstUpdateStep(copies: Int) -> Int { hyperparameters.int("learning_starts") + 1 }
    /// The entropy coefficient in use.
    public private(set) var alpha: Float
    private let actor: MLP
    private let actorOptimizer: Adam
    private let critics: (Critic, Critic)
    private let logAlpha = ParameterVector(count: 1)
    private let alphaOptimizer: Adam
    private let targetEntropy: Float
    private var random: RandomSource
    private let batch: TransitionBatch
    // Scratch for sampling and gradients.
    private let mean, logStd, noise, actions, targets, weights, meanGradient, logStdGradient, actorGradient: Matrix
    private let actionGradient: Matrix
    private let secondWeights = Matrix(rows: 0, columns: 1)
    private let worker = ParallelWorker(name: "gait-sac-critic")
    private var logProbability: [Float] = []
    private var logProbabilityWeights: [Float] = []
    private var steps = 0
    private var updates = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        guard h["log_std_min"] < h["log_std_max"] else {
            throw .invalidHyperparameter(name: "log_std_min", reason: "it must be below log_std_max")
        }
        hyperparameters = h
        random = RandomSource(seed: seed)
        let hidden = try h.hiddenSizes(observationSize: observationSize, actionSize: actionSize, rows: h.int("batch_size"))
        actor = MLP(sizes: [observationSize] + hidden + [2 * actionSize], random: &random)
        actorOptimizer = Adam(for: actor, learningRate: h.float("policy_lr"))
        critics = (Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                          learningRate: h.float("q_lr"), random: &random),
                   Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                          learningRate: h.float("q_lr"), random: &random))
        alphaOptimizer = Adam(parameterCount: 1, learningRate: h.float("q_lr"))
        targetEntropy = -Float(actionSize)
        alpha = h.flag("autotune") ? 1 : h.float("alpha")
        batch = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        (mean, logStd, noise, actions, meanGradient, logStdGradient) = (
            Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize),
            Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize), Matrix(rows: 0, columns: actionSize))
        (targets, weights) = (Matrix(rows: 0, columns: 1), Matrix(rows: 0, columns: 1))
        actorGradient = Matrix(rows: 0, columns: 2 * actionSize)
        actionGradient = Matrix(rows: 0, columns: actionSize)
    }

    public func prepare(copies: Int, totalSteps: Int) {}

    /// Runs the actor: the mean and the bounded log σ = min + ½(max − min)(tanh(raw) + 1).
    private func policy(_ observations: Matrix) {
        let output = actor.forward(observations)
        mean.copyColumns(of: output, from: 0)
        logStd.copyColumns(of: output, from: mean.columns)
        let (low, high) = (hyperparameters.float("log_std_min"), hyperparameters.float("log_std_max"))
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
        if explore && steps < hyperparameters.int("learning_starts") {
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
        guard totalSteps > hyperparameters.int("learning_starts") else { return nil }
        let h = hyperparameters
        var info = Info()
        for _ in 0..<h.int("updates_per_step") {
            buffer.sample(h.int("batch_size"), random: &random, into: batch)
            updateCritics(gamma: h.float("gamma"), info: &info)
            updates += 1
            if updates % h.int("policy_frequency") == 0 {
                // As CleanRL: delayed, but as many actor updates as critic updates overall.
                for _ in 0..<h.int("policy_frequency") { updateActor(info: &info) }
            }
            if updates % h.int("target_network_frequency") == 0 {
                critics.0.updateTarget(tau: h.float("tau"))
                critics.1.updateTarget(tau: h.float("tau"))
            }
        }
        info["alpha"] = Double(alpha)
        return info
    }

    /// y = r + γ·(1 − terminated)·(min(Q′₁, Q′₂)(s′, a′) − α·log π(a′|s′)), a′ ~ π(·|s′).
    /// The twin critics run on two threads.
    private func updateCritics(gamma: Float, info: inout Info) {
        sample(batch.nextObservations)
        var first: Matrix?, second: Matrix?
        worker.run({ second = self.critics.1.targetValue(self.batch.nextObservations, self.actions) },
                   alongside: { first = critics.0.targetValue(batch.nextObservations, actions) })
        targets.resize(rows: batch.count)
        for row in 0..<batch.count {
            let soft = min(first!.values[row], second!.values[row]) - alpha * logProbability[row]
            targets.values[row] = batch.rewards[row] + (batch.terminated[row] ? 0 : gamma * soft)
        }
        var fit1 = (loss: Float(0), meanValue: Float(0)), fit2 = fit1
        worker.run({ fit2 = self.critics.1.fit(self.batch.observations, self.batch.actions, targets: self.targets) },
                   alongside: { fit1 = critics.0.fit(batch.observations, batch.actions, targets: targets) })
        info["critic_loss"] = Double(fit1.loss + fit2.loss) / 2
        info["q_value"] = Double(fit1.meanValue)
    }

    /// Minimises mean(α·log π(a|s) − min(Q₁, Q₂)(s, a)) with a = tanh(μ + σε) reparameterised,
    /// then (with autotune) α towards the target entropy, using the same sample's log π (as
    /// Stable-Baselines3 does).
    private func updateActor(info: inout Info) {
        let rows = batch.count
        sample(batch.observations)
        var q1: Matrix?, q2: Matrix?
        worker.run({ q2 = self.critics.1.value(self.batch.observations, self.actions) },
                   alongside: { q1 = critics.0.value(batch.observations, actions) })
        // ∂loss/∂a flows through whichever critic is smaller in each row.
        weights.resize(rows: rows)
        secondWeights.resize(rows: rows)
        var loss: Float = 0
        for row in 0..<rows {
            let firstIsSmaller = q1!.values[row] <= q2!.values[row]
            loss += alpha * logProbability[row] - min(q1!.values[row], q2!.values[row])
            weights.values[row] = firstIsSmaller ? -1 / Float(rows) : 0
            secondWeights.values[row] = firstIsSmaller ? 0 : -1 / Float(rows)
        }
        var g1: Matrix?, g2: Matrix?
        worker.run({ g2 = self.critics.1.actionGradient(weights: self.secondWeights) },
                   alongside: { g1 = critics.0.actionGradient(weights: weights) })
        actionGradient.copy(from: g1!)
        for i in 0..<actionGradient.count { actionGradient.values[i] += g2!.values[i] }
        if logProbabilityWeights.count != rows { logProbabilityWeights = [Float](repeating: 0, count: rows) }
        for row in 0..<rows { logProbabilityWeights[row] = alpha / Float(rows) }
        TanhGaussian.gradient(mean: mean, logStd: logStd, noise: noise, logProbabilityWeights: logProbabilityWeights,
                              actionGradient: actionGradient, meanGradient: meanGradient, logStdGradient: logStdGradient)
        // Through log σ = min + ½(max − min)(tanh(raw) + 1): ∂/∂raw = ½(max − min)(1 − tanh²(raw)).
        let (low, high) = (hyperparameters.float("log_std_min"), hyperparameters.float("log_std_max"))
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
        guard hyperparameters.flag("autotune") else { return }
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
        MetricSpec("critic_loss", "mean of the two critics' mean squared errors against the soft target"),
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
        critics.0.save(into: &state, as: "qf1")
        critics.1.save(into: &state, as: "qf2")
        state.set("log_alpha", parameters: logAlpha)
        state.set("alpha_optimizer", optimizer: alphaOptimizer)
        state.set("alpha", number: Double(alpha))
        state.set("random", random: random)
        state.set("counters", numbers: [Double(steps), Double(updates)])
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try state.load("actor", into: actor)
        try state.load("actor_optimizer", into: actorOptimizer)
        try critics.0.restore(from: state, as: "qf1")
        try critics.1.restore(from: state, as: "qf2")
        try state.load("log_alpha", into: logAlpha)
        try state.load("alpha_optimizer", into: alphaOptimizer)
        alpha = Float(try state.number("alpha"))
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (steps, updates) = (counters[0], counters[1])
    }
}
