import Foundation
import GaitCore
import GaitNN

/// Proximal Policy Optimization (Schulman et al., 2017), as CleanRL's
/// `ppo_continuous_action.py`: rollouts of `num_steps` per copy, GAE(γ, λ), `update_epochs`
/// passes over shuffled minibatches with the clipped surrogate objective, normalised
/// advantages, a clipped value loss, an entropy bonus, global gradient clipping, a linearly
/// annealed learning rate, and running normalisation of observations and rewards.
public final class PPOAgent: PluggableAgent {
    /// Every hyperparameter: name, default, valid values and meaning (see `gait agents show ppo`).
    public static let hyperparameters = PPOConfiguration.fields.map(\.spec)

    public let name = "ppo"
    public let networkMemory: Double
    public let hyperparameters: Hyperparameters
    private let configuration: PPOConfiguration
    public func bufferCapacity(copies: Int) -> Int { configuration.numSteps * copies }
    public func firstUpdateStep(copies: Int) -> Int { bufferCapacity(copies: copies) }
    let model: GaussianActorCritic
    private var random: RandomSource
    private let rollout: OnPolicyRollout
    private let minibatchObservations, minibatchActions: Matrix
    private var copies = 1
    private var plannedUpdates = 1
    private var updates = 0
    private var lastUpdate = 0

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        let h = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        hyperparameters = h
        let configuration = PPOConfiguration(h, fields: PPOConfiguration.fields)
        self.configuration = configuration
        random = RandomSource(seed: seed)
        let (hidden, memory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize, rows: configuration.numSteps)
        networkMemory = memory
        model = GaussianActorCritic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                    policyLearningRate: configuration.learningRate, valueLearningRate: configuration.learningRate,
                                    withCritic: true, normalizeObservations: configuration.normalizeObservations,
                                    random: &random)
        rollout = OnPolicyRollout(observationSize: observationSize, actionSize: actionSize,
                                  normalizeRewards: configuration.normalizeRewards, gamma: configuration.gamma)
        minibatchObservations = Matrix(rows: 0, columns: observationSize)
        minibatchActions = Matrix(rows: 0, columns: actionSize)
    }

    public func check(copies: Int) throws(AgentError) {
        let capacity = bufferCapacity(copies: copies)
        guard configuration.numMinibatches <= capacity else {
            throw .invalidHyperparameter(name: "num_minibatches", reason: "it must be at most num_steps × envs (\(capacity)), so that every minibatch holds steps")
        }
    }

    public func prepare(copies: Int, totalSteps: Int) {
        self.copies = copies
        plannedUpdates = max(totalSteps / bufferCapacity(copies: copies), 1)
    }

    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        model.act(observations, explore: explore, random: &random)
    }

    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        let c = configuration
        let batchSize = bufferCapacity(copies: copies)
        guard totalSteps - lastUpdate >= batchSize else { return nil }
        lastUpdate = totalSteps
        if c.annealLr {
            let rate = max(1 - Float(updates) / Float(plannedUpdates), 0) * c.learningRate
            model.setLearningRate(policy: rate, value: rate)
        }
        updates += 1

        // The rollout: values, GAE and the old policy's log-probabilities.
        rollout.read(latest: batchSize, from: buffer)
        let (oldValues, advantages, returns) = rollout.estimate(with: model, gamma: Float(c.gamma), lambda: c.gaeLambda)
        let oldLogProbabilities = model.logProbabilities(rollout.observations, rollout.segment.actions)

        // Epochs of shuffled minibatches.
        let minibatchSize = max(batchSize / c.numMinibatches, 1)
        let clip = c.clipCoef
        var order = Array(0..<batchSize)
        var (policyLoss, valueLoss, approximateKL, clipFraction, measured) = (Float(0), Float(0), Float(0), Float(0), 0)
        epochs: for _ in 0..<c.updateEpochs {
            order.shuffle(using: &random)
            for start in stride(from: 0, to: batchSize, by: minibatchSize) {
                let rows = Array(order[start..<min(start + minibatchSize, batchSize)])
                gather(rows)
                let count = Float(rows.count)
                var minibatchAdvantages = rows.map { advantages[$0] }
                if c.normAdv { minibatchAdvantages = Standardize.values(minibatchAdvantages) }
                let newLogProbabilities = model.logProbabilities(minibatchObservations, minibatchActions)
                var weights = [Float](repeating: 0, count: rows.count)
                (policyLoss, approximateKL, clipFraction, measured) = (0, 0, 0, measured + 1)
                for (i, row) in rows.enumerated() {
                    let logRatio = newLogProbabilities[i] - oldLogProbabilities[row]
                    let ratio = exp(logRatio)
                    let advantage = minibatchAdvantages[i]
                    let unclipped = -advantage * ratio
                    let clipped = -advantage * min(max(ratio, 1 - clip), 1 + clip)
                    policyLoss += max(unclipped, clipped) / count
                    // d/d log π of max(−A·r, −A·clip(r)): −A·r where the chosen branch depends on r.
                    let inside = ratio >= 1 - clip && ratio <= 1 + clip
                    weights[i] = unclipped >= clipped || inside ? -advantage * ratio / count : 0
                    approximateKL += ((ratio - 1) - logRatio) / count
                    if abs(ratio - 1) > clip { clipFraction += 1 / count }
                }
                model.backwardPolicy(minibatchObservations, minibatchActions, weights: weights,
                                     entropyCoefficient: c.entCoef)
                let newValues = model.values(minibatchObservations)
                var valueWeights = [Float](repeating: 0, count: rows.count)
                valueLoss = 0
                for (i, row) in rows.enumerated() {
                    let residual = newValues[i] - returns[row]
                    guard c.clipVloss else {
                        valueLoss += 0.5 * residual * residual / count
                        valueWeights[i] = c.vfCoef * residual / count
                        continue
                    }
                    let change = min(max(newValues[i] - oldValues[row], -clip), clip)
                    let clippedResidual = oldValues[row] + change - returns[row]
                    let useUnclipped = residual * residual >= clippedResidual * clippedResidual
                    valueLoss += 0.5 * max(residual * residual, clippedResidual * clippedResidual) / count
                    let slope: Float = useUnclipped ? residual : (abs(newValues[i] - oldValues[row]) < clip ? clippedResidual : 0)
                    valueWeights[i] = c.vfCoef * slope / count
                }
                model.backwardValue(weights: valueWeights)
                model.step(maxNorm: c.maxGradNorm)
            }
            if c.targetKl > 0 && approximateKL > c.targetKl { break epochs }
        }
        return Info(["policy_loss": Double(policyLoss), "value_loss": Double(valueLoss), "entropy": Double(model.entropy),
                     "approx_kl": Double(approximateKL), "clip_fraction": Double(clipFraction),
                     "learning_rate": Double(model.actorOptimizer.learningRate)])
    }

    /// Copies the normalised observations and the actions of `rows` into the minibatch matrices.
    private func gather(_ rows: [Int]) {
        minibatchObservations.resize(rows: rows.count)
        minibatchActions.resize(rows: rows.count)
        let (observations, actions) = (rollout.observations, rollout.segment.actions)
        let (o, a) = (observations.columns, actions.columns)
        for (i, row) in rows.enumerated() {
            (minibatchObservations.values + i * o).update(from: observations.values + row * o, count: o)
            (minibatchActions.values + i * a).update(from: actions.values + row * a, count: a)
        }
    }

    /// What `learn` reports, in order (the metrics.csv columns), and what each value means.
    public static let metrics: [MetricSpec] = [
        MetricSpec("policy_loss", "the clipped surrogate loss of the last minibatch"),
        MetricSpec("value_loss", "the value loss of the last minibatch (clipped when clip_vloss)", watched: true),
        MetricSpec("entropy", "the Gaussian policy's entropy"),
        MetricSpec("approx_kl", "the approximate KL divergence old → new policy on the last minibatch"),
        MetricSpec("clip_fraction", "the fraction of the last minibatch's samples whose ratio was clipped"),
        MetricSpec("learning_rate", "the (annealed) learning rate"),
    ]

    public let metricNames = PPOAgent.metrics.map(\.name)

    public func save(into state: inout StateDictionary) {
        model.save(into: &state)
        rollout.save(into: &state, as: "return_rms")
        state.set("random", random: random)
        state.set("counters", numbers: [Double(copies), Double(plannedUpdates), Double(updates), Double(lastUpdate)])
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        try model.restore(from: state)
        try rollout.restore(from: state, as: "return_rms")
        random = try state.random("random")
        let counters = try state.counts("counters", count: 4)
        (copies, plannedUpdates, updates, lastUpdate) = (counters[0], counters[1], counters[2], counters[3])
    }
}
