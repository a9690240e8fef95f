import Foundation
import GaitCore
import GaitNN

/// A diagonal Gaussian policy with a state-independent log σ, an optional state-value network
/// and optional running observation normalisation: what REINFORCE, A2C, A3C and PPO share. Networks
/// are tanh MLPs with orthogonal initialisation (gains √2, policy output 0.01, value output 1),
/// as CleanRL's PPO.
final class GaussianActorCritic {
    let actor: MLP
    let logStd: ParameterVector
    let critic: MLP?
    let actorOptimizer: Adam
    let logStdOptimizer: Adam
    let criticOptimizer: Adam?
    /// Running observation statistics (part of the agent's state), when normalising.
    let observationNormalization: ObservationNormalization
    private let actions: Matrix
    private let meanGradient: Matrix
    private let logStdGradient: Matrix
    private let valueGradient: Matrix
    private let logStdMatrix: Matrix

    init(observationSize: Int, actionSize: Int, hidden: [Int], policyLearningRate: Float, valueLearningRate: Float,
         withCritic: Bool, normalizeObservations: Bool, epsilon: Float = 1e-5, random: inout RandomSource) {
        let gain = Float(2).squareRoot()
        actor = MLP(sizes: [observationSize] + hidden + [actionSize], activation: .tanh,
                    initialization: .orthogonal(hidden: gain, output: 0.01), random: &random)
        logStd = ParameterVector(count: actionSize)
        critic = withCritic ? MLP(sizes: [observationSize] + hidden + [1], activation: .tanh,
                                  initialization: .orthogonal(hidden: gain, output: 1), random: &random) : nil
        actorOptimizer = Adam(for: actor, learningRate: policyLearningRate, epsilon: epsilon)
        logStdOptimizer = Adam(parameterCount: actionSize, learningRate: policyLearningRate, epsilon: epsilon)
        criticOptimizer = critic.map { Adam(for: $0, learningRate: valueLearningRate, epsilon: epsilon) }
        observationNormalization = ObservationNormalization(observationSize: observationSize, enabled: normalizeObservations)
        actions = Matrix(rows: 0, columns: actionSize)
        meanGradient = Matrix(rows: 0, columns: actionSize)
        logStdGradient = Matrix(rows: 1, columns: actionSize)
        valueGradient = Matrix(rows: 0, columns: 1)
        logStdMatrix = Matrix(rows: 1, columns: actionSize)
    }

    /// Sets every learning rate (for annealing).
    func setLearningRate(policy: Float, value: Float) {
        actorOptimizer.learningRate = policy
        logStdOptimizer.learningRate = policy
        criticOptimizer?.learningRate = value
    }

    /// Exploring: folds the observations into the statistics, then samples μ(s) + σ·ε.
    /// Otherwise the mean μ(s).
    func act(_ observations: Matrix, explore: Bool, random: inout RandomSource) -> Matrix {
        actions.copy(from: actor.forward(observationNormalization.actorInput(observations, explore: explore)))
        if explore {
            for row in 0..<actions.rows {
                for j in 0..<actions.columns { actions[row, j] += exp(logStd.parameters[j]) * Float(random.normal()) }
            }
        }
        return actions
    }

    /// Normalises a rollout's observations (into the two matrices) and estimates it:
    /// V(s), and GAE(γ, λ) advantages and returns over `rewards` (the segment's, or scaled).
    func estimate(_ segment: TransitionBatch, rewards: [Float], gamma: Float, lambda: Float, observations: Matrix,
                  nextObservations: Matrix) -> (values: [Float], advantages: [Float], returns: [Float]) {
        observationNormalization.normalize(segment.observations, into: observations)
        observationNormalization.normalize(segment.nextObservations, into: nextObservations)
        let nextValues = values(nextObservations)
        let current = values(observations)
        let (advantages, returns) = ReturnEstimation.generalizedAdvantages(
            rewards: rewards, values: current, nextValues: nextValues, terminated: segment.terminated,
            truncated: segment.truncated, streams: segment.streams, gamma: gamma, lambda: lambda)
        return (current, advantages, returns)
    }

    /// The log σ parameters as the one-row matrix the distribution functions take.
    private var currentLogStd: Matrix {
        logStdMatrix.values.update(from: logStd.parameters.baseAddress!, count: logStd.count)
        return logStdMatrix
    }

    /// V(s) of (already normalised) observations.
    func values(_ observations: Matrix) -> [Float] {
        guard let critic else { return [Float](repeating: 0, count: observations.rows) }
        let output = critic.forward(observations)
        return Array(UnsafeBufferPointer(start: output.values, count: output.rows))
    }

    /// log π(a|s) of (normalised) observations and actions.
    func logProbabilities(_ observations: Matrix, _ actions: Matrix) -> [Float] {
        let mean = actor.forward(observations)
        var result = [Float](repeating: 0, count: observations.rows)
        DiagonalGaussian.logProbability(mean: mean, logStd: currentLogStd, value: actions, into: &result)
        return result
    }

    /// The entropy of the policy (the same in every state).
    var entropy: Float {
        DiagonalGaussian.entropy(logStd: currentLogStd, row: 0)
    }

    /// Writes the gradients of L = Σᵢ weightsᵢ·log π(aᵢ|sᵢ) − entropyCoefficient·entropy into the
    /// actor and log σ, for (normalised) observations and actions.
    func backwardPolicy(_ observations: Matrix, _ actions: Matrix, weights: [Float], entropyCoefficient: Float) {
        let mean = actor.forward(observations)
        meanGradient.fill(rows: mean.rows, with: 0)
        logStdGradient.fill(rows: 1, with: 0)
        DiagonalGaussian.addLogProbabilityGradient(mean: mean, logStd: currentLogStd, value: actions, weights: weights,
                                                   meanGradient: meanGradient, logStdGradient: logStdGradient)
        for j in 0..<logStd.count { logStd.gradients[j] = logStdGradient.values[j] - entropyCoefficient }
        actor.backward(meanGradient)
    }

    /// Writes the gradient of L = Σᵢ weightsᵢ·V(sᵢ) into the critic, for the rows of the last
    /// `values` call.
    func backwardValue(weights: [Float]) {
        guard let critic else { return }
        valueGradient.resize(rows: weights.count)
        for row in weights.indices { valueGradient.values[row] = weights[row] }
        critic.backward(valueGradient)
    }

    /// Clips the global gradient norm (when `maxNorm` > 0) and steps every optimiser; returns
    /// the norm before clipping.
    @discardableResult
    func step(maxNorm: Float, updateCritic: Bool = true) -> Float {
        var buffers = [actor.gradients, logStd.gradients]
        if updateCritic, let critic { buffers.append(critic.gradients) }
        let norm = maxNorm > 0 ? MLP.clipGradientNorm(buffers, maxNorm: maxNorm) : 0
        actorOptimizer.update(actor)
        logStdOptimizer.update(logStd.parameters, gradients: logStd.gradients)
        if updateCritic, let critic, let criticOptimizer { criticOptimizer.update(critic) }
        return norm
    }
}

extension GaussianActorCritic {
    /// Sets the parameters (actor, log σ, critic) to `source`'s, which has the same shape.
    func copyParameters(from source: GaussianActorCritic) {
        actor.copyParameters(from: source.actor)
        _ = logStd.parameters.update(fromContentsOf: source.logStd.parameters)
        if let critic, let other = source.critic { critic.copyParameters(from: other) }
    }

    /// Sets the gradients (actor, log σ, critic) to `source`'s, which has the same shape.
    func copyGradients(from source: GaussianActorCritic) {
        _ = actor.gradients.update(fromContentsOf: source.actor.gradients)
        _ = logStd.gradients.update(fromContentsOf: source.logStd.gradients)
        if let critic, let other = source.critic { _ = critic.gradients.update(fromContentsOf: other.gradients) }
    }

    /// The name of tensor `name` under `prefix` (none: CleanRL's own names).
    private static func key(_ name: String, _ prefix: String?) -> String { prefix.map { "\($0).\(name)" } ?? name }

    /// Saves the parameters alone (no optimisers or statistics) as CleanRL names them
    /// (`actor_mean`, `actor_logstd`, `critic`), under `prefix` when given: a working copy of
    /// another model's.
    func saveParameters(into state: inout StateDictionary, as prefix: String? = nil) {
        state.set(Self.key("actor_mean", prefix), network: actor)
        state.set(Self.key("actor_logstd", prefix), parameters: logStd)
        if let critic { state.set(Self.key("critic", prefix), network: critic) }
    }

    /// Restores what `saveParameters(into:as:)` saved.
    func restoreParameters(from state: StateDictionary, as prefix: String? = nil) throws(CheckpointError) {
        try state.load(Self.key("actor_mean", prefix), into: actor)
        try state.load(Self.key("actor_logstd", prefix), into: logStd)
        if let critic { try state.load(Self.key("critic", prefix), into: critic) }
    }

    /// Saves the networks as CleanRL names them (`actor_mean`, `actor_logstd`, `critic`), their
    /// optimisers and the observation statistics (`obs_rms`).
    func save(into state: inout StateDictionary) {
        saveParameters(into: &state)
        state.set("actor_optimizer", optimizer: actorOptimizer)
        state.set("actor_logstd_optimizer", optimizer: logStdOptimizer)
        if let criticOptimizer { state.set("critic_optimizer", optimizer: criticOptimizer) }
        observationNormalization.save(into: &state)
    }

    /// Restores what `save(into:)` saved.
    func restore(from state: StateDictionary) throws(CheckpointError) {
        try restoreParameters(from: state)
        try state.load("actor_optimizer", into: actorOptimizer)
        try state.load("actor_logstd_optimizer", into: logStdOptimizer)
        if let criticOptimizer { try state.load("critic_optimizer", into: criticOptimizer) }
        try observationNormalization.restore(from: state)
    }
}
