import GaitNN

/// The hyperparameters of an advantage actor-critic update (A2C's, and each A3C worker's), read
/// once from their names, and the update's gradient.
struct A2CConfiguration: Sendable {
    /// Adam learning rate.
    let learningRate: Float
    /// Environment steps per copy (A2C) or per worker (A3C) in each rollout.
    let nSteps: Int
    /// Discount factor γ.
    let gamma: Float
    /// λ of generalized advantage estimation (1: n-step returns).
    let gaeLambda: Float
    /// Weight of the entropy bonus.
    let entCoef: Float
    /// Weight of the value loss.
    let vfCoef: Float
    /// Global gradient-norm clip (0: none).
    let maxGradNorm: Float
    /// Whether advantages are standardized per rollout.
    let normalizeAdvantage: Bool
    /// Whether rewards are scaled by the running σ of the discounted return.
    let normalizeRewards: Bool

    init(_ h: Hyperparameters) {
        learningRate = h.float("learning_rate")
        nSteps = h.int("n_steps")
        gamma = h.float("gamma")
        gaeLambda = h.float("gae_lambda")
        entCoef = h.float("ent_coef")
        vfCoef = h.float("vf_coef")
        maxGradNorm = h.float("max_grad_norm")
        normalizeAdvantage = h.flag("normalize_advantage")
        normalizeRewards = h.flag("normalize_rewards")
    }

    /// The hyperparameters A2C and A3C share, in their documented order; the two agents differ
    /// only in the defaults of the rollout length and of reward scaling.
    static func hyperparameters(nSteps: Double, normalizeRewards: Double) -> [HyperparameterSpec] { [
        .learningRate("learning_rate", 7e-4, "Adam learning rate"),
        .count("n_steps", nSteps, "environment steps per copy (A2C) or worker (A3C) in each rollout (one update per rollout)"),
        .gamma,
        .real("gae_lambda", 1, 0...1, "λ of generalized advantage estimation (1: n-step returns)"),
        .entropyCoefficient,
        .valueCoefficient,
        .maximumGradientNorm,
        .flag("normalize_advantage", 0, "standardize advantages per rollout"),
        .normalizeRewards(normalizeRewards),
        .hiddenSize(64),
        .hiddenLayers,
    ] }

    /// Writes into `model` the gradient of −mean(A·log π(a|s)) + vf_coef·mean((V − R)²) −
    /// ent_coef·entropy on `rollout`, with GAE advantages and returns. Returns the policy and
    /// value losses, measured before any step.
    func writeGradient(into model: GaussianActorCritic, rollout: OnPolicyRollout) -> (policyLoss: Float, valueLoss: Float) {
        let (segment, observations) = (rollout.segment, rollout.observations)
        let estimate = rollout.estimate(with: model, gamma: gamma, lambda: gaeLambda)
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
