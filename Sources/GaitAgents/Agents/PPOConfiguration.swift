/// PPO's hyperparameters as typed fields. Each is declared once, in `fields`, with its name,
/// default, valid values and meaning; the zeros below are placeholders that `fields` overwrite.
struct PPOConfiguration: AgentConfiguration, HiddenLayersConfiguration, Equatable {
    var learningRate: Float = 0
    var numSteps = 0
    var annealLr = false
    /// Kept exact: the reward scaler discounts in double precision.
    var gamma = 0.0
    var gaeLambda: Float = 0
    var numMinibatches = 0, updateEpochs = 0
    var normAdv = false
    var clipCoef: Float = 0
    var clipVloss = false
    var entCoef: Float = 0, vfCoef: Float = 0, maxGradNorm: Float = 0, targetKl: Float = 0
    var normalizeObservations = false, normalizeRewards = false
    var hiddenSize = 0, hiddenLayers = 0

    static let fields: [HyperparameterField<Self>] = [
        .init(\.learningRate, .learningRate("learning_rate", 3e-4, "Adam learning rate (annealed to 0 with anneal_lr)")),
        .init(\.numSteps, .count("num_steps", 2048, "environment steps per copy in each rollout")),
        .init(\.annealLr, .flag("anneal_lr", 1, "anneal the learning rate linearly to 0 over training")),
        .init(\.gamma, .gamma),
        .init(\.gaeLambda, .real("gae_lambda", 0.95, 0...1, "λ of generalized advantage estimation")),
        .init(\.numMinibatches, .count("num_minibatches", 32, "minibatches each rollout is split into")),
        .init(\.updateEpochs, .count("update_epochs", 10, maximum: Hyperparameters.maximumRepeats, "passes over each rollout")),
        .init(\.normAdv, .flag("norm_adv", 1, "standardize advantages per minibatch")),
        .init(\.clipCoef, .real("clip_coef", 0.2, 0...10, "clipping range ε of the probability ratio (and of the value, with clip_vloss)")),
        .init(\.clipVloss, .flag("clip_vloss", 1, "clip the value loss as the policy's")),
        .init(\.entCoef, .entropyCoefficient),
        .init(\.vfCoef, .valueCoefficient),
        .init(\.maxGradNorm, .maximumGradientNorm),
        .init(\.targetKl, .real("target_kl", 0, 0...10, "stop a rollout's epochs once the approximate KL exceeds it (0: never)")),
        .init(\.normalizeObservations, .normalizeObservations(1)),
        .init(\.normalizeRewards, .normalizeRewards(1)),
        .init(\.hiddenSize, .hiddenSize(64)),
        .init(\.hiddenLayers, .hiddenLayers),
    ]
}
