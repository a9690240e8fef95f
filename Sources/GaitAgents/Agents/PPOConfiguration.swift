/// PPO's hyperparameters as typed fields, read once from their names (see
/// `PPOAgent.hyperparameters` for the valid values).
struct PPOConfiguration: Sendable, Equatable {
    /// Adam learning rate (annealed to 0 with `annealLr`).
    let learningRate: Float
    /// Environment steps per copy in each rollout.
    let numSteps: Int
    /// Whether the learning rate is annealed linearly to 0 over training.
    let annealLr: Bool
    /// Discount factor γ.
    let gamma: Float
    /// λ of generalized advantage estimation.
    let gaeLambda: Float
    /// Minibatches each rollout is split into.
    let numMinibatches: Int
    /// Passes over each rollout.
    let updateEpochs: Int
    /// Whether advantages are standardized per minibatch.
    let normAdv: Bool
    /// Clipping range ε of the probability ratio (and of the value, with `clipVloss`).
    let clipCoef: Float
    /// Whether the value loss is clipped as the policy's.
    let clipVloss: Bool
    /// Weight of the entropy bonus.
    let entCoef: Float
    /// Weight of the value loss.
    let vfCoef: Float
    /// Global gradient-norm clip (0: none).
    let maxGradNorm: Float
    /// Approximate KL divergence after which a rollout's epochs stop (0: never).
    let targetKl: Float
    /// Whether observations, and rewards, are normalized with running statistics.
    let normalizeObservations: Bool, normalizeRewards: Bool
    /// Units per hidden layer, and hidden layers, of every network.
    let hiddenSize: Int, hiddenLayers: Int

    init(_ h: Hyperparameters) {
        (learningRate, numSteps, annealLr, gamma, gaeLambda) = (h.float("learning_rate"), h.int("num_steps"), h.flag("anneal_lr"),
                                                                h.float("gamma"), h.float("gae_lambda"))
        (numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss) = (h.int("num_minibatches"), h.int("update_epochs"),
                                                                        h.flag("norm_adv"), h.float("clip_coef"), h.flag("clip_vloss"))
        (entCoef, vfCoef, maxGradNorm, targetKl) = (h.float("ent_coef"), h.float("vf_coef"), h.float("max_grad_norm"), h.float("target_kl"))
        (normalizeObservations, normalizeRewards) = (h.flag("normalize_observations"), h.flag("normalize_rewards"))
        (hiddenSize, hiddenLayers) = (h.int("hidden_size"), h.int("hidden_layers"))
    }
}
