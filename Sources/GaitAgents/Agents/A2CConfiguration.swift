import GaitNN

/// The hyperparameters of an advantage actor-critic update (A2C's, and each A3C worker's) as
/// typed fields, and the update's gradient. Each is declared once, in `fields`, with its name,
/// default, valid values and meaning; the zeros below are placeholders that the fields overwrite.
struct A2CConfiguration: AgentConfiguration, HiddenLayersConfiguration {
    var learningRate: Float = 0
    var nSteps = 0
    /// Kept exact: the reward scaler discounts in double precision.
    var gamma = 0.0
    var gaeLambda: Float = 0, entCoef: Float = 0, vfCoef: Float = 0, maxGradNorm: Float = 0
    var normalizeAdvantage = false, normalizeRewards = false
    var hiddenSize = 0, hiddenLayers = 0
    /// A2C only (A3C's workers do not normalise observations).
    var normalizeObservations = false

    /// The hyperparameters A2C and A3C share, in their documented order; the two agents differ
    /// only in the defaults of the rollout length and of reward scaling.
    static func fields(nSteps: Double, normalizeRewards: Double) -> [HyperparameterField<Self>] { [
        .init(\.learningRate, .learningRate("learning_rate", 7e-4, "Adam learning rate")),
        .init(\.nSteps, .count("n_steps", nSteps, "environment steps per copy (A2C) or worker (A3C) in each rollout (one update per rollout)")),
        .init(\.gamma, .gamma),
        .init(\.gaeLambda, .real("gae_lambda", 1, 0...1, "λ of generalized advantage estimation (1: n-step returns)")),
        .init(\.entCoef, .entropyCoefficient),
        .init(\.vfCoef, .valueCoefficient),
        .init(\.maxGradNorm, .maximumGradientNorm),
        .init(\.normalizeAdvantage, .flag("normalize_advantage", 0, "standardize advantages per rollout")),
        .init(\.normalizeRewards, .normalizeRewards(normalizeRewards)),
        .init(\.hiddenSize, .hiddenSize(64)),
        .init(\.hiddenLayers, .hiddenLayers),
    ] }

    /// Writes into `model` the gradient of −mean(A·log π(a|s)) + vf_coef·mean((V − R)²) −
    /// ent_coef·entropy on `rollout`, with GAE advantages and returns. Returns the policy and
    /// value losses, measured before any step.
    func writeGradient(into model: GaussianActorCritic, rollout: OnPolicyRollout) -> (policyLoss: Float, valueLoss: Float) {
        let (segment, observations) = (rollout.segment, rollout.observations)
        let estimate = rollout.estimate(with: model, gamma: Float(gamma), lambda: gaeLambda)
        let advantages = normalizeAdvantage ? Standardize.values(estimate.advantages) : estimate.advantages
        let count = Float(segment.count)
        // Policy: −mean(A·log π(a|s)), with the entropy bonus.
        let logProbabilities = model.logProbabilities(observations, segment.actions)
        let policyLoss = -zip(advantages, logProbabilities).reduce(Float(0)) { $0 + $1.0 * $1.1 } / count
        model.backwardPolicy(observations, segment.actions, weights: advantages.map { -$0 / count }, entropyCoefficient: entCoef)
        // Value: vf_coef·mean((V − R)²).
        let predicted = model.values(observations)
        let valueLoss = zip(predicted, estimate.returns).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / count
        model.backwardValue(weights: zip(predicted, estimate.returns).map { vfCoef * 2 * ($0 - $1) / count })
        return (policyLoss, valueLoss)
    }
}
