/// REINFORCE's hyperparameters as typed fields. Each is declared once, in `fields`, with its name,
/// default, valid values and meaning; the zeros below are placeholders that `fields` overwrite.
struct REINFORCEConfiguration: AgentConfiguration, HiddenLayersConfiguration, Equatable {
    /// How each step's log-probability is weighted.
    enum Estimator: Int, Sendable, HyperparameterValue { case episodeReturn = 0, rewardToGo = 1 }
    /// What is subtracted from the returns.
    enum Baseline: Int, Sendable, HyperparameterValue { case none = 0, runningMean = 1, learnedValue = 2 }

    var policyLr: Float = 0, valueLr: Float = 0
    var gamma: Float = 0
    var batchSteps = 0
    var estimator = Estimator.episodeReturn
    var baseline = Baseline.none
    var valueIterations = 0
    var hiddenSize = 0, hiddenLayers = 0
    var normalizeObservations = false

    static let fields: [HyperparameterField<Self>] = [
        .init(\.policyLr, .learningRate("policy_lr", 3e-4, "Adam learning rate of the policy")),
        .init(\.valueLr, .learningRate("value_lr", 1e-3, "Adam learning rate of the learned baseline V")),
        .init(\.gamma, .gamma),
        .init(\.batchSteps, .count("batch_steps", 4_000, "environment steps (of all copies) per policy update")),
        .init(\.estimator, .count("estimator", 1, minimum: 0, maximum: 1, "0: weight every step with its episode's whole return; 1: with the reward-to-go")),
        .init(\.baseline, .count("baseline", 2, minimum: 0, maximum: 2, "subtracted from the returns: 0 none, 1 the running mean return, 2 a learned V(s)")),
        .init(\.valueIterations, .count("value_iterations", 80, minimum: 0, maximum: Hyperparameters.maximumRepeats, "gradient steps of V per update")),
        .init(\.hiddenSize, .hiddenSize(64)),
        .init(\.hiddenLayers, .hiddenLayers),
        .init(\.normalizeObservations, .normalizeObservations(0)),
    ]
}
