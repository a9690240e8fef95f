/// REINFORCE's hyperparameters as typed fields, read once from their names (see
/// `REINFORCEAgent.hyperparameters` for the valid values).
struct REINFORCEConfiguration: Sendable, Equatable {
    /// How each step's log-probability is weighted.
    enum Estimator: Int, Sendable { case episodeReturn = 0, rewardToGo = 1 }
    /// What is subtracted from the returns.
    enum Baseline: Int, Sendable { case none = 0, runningMean = 1, learnedValue = 2 }

    /// Adam learning rate of the policy.
    let policyLr: Float
    /// Adam learning rate of the learned baseline V.
    let valueLr: Float
    /// Discount factor γ.
    let gamma: Float
    /// Environment steps (of all copies) per policy update.
    let batchSteps: Int
    let estimator: Estimator
    let baseline: Baseline
    /// Gradient steps of V per update.
    let valueIterations: Int
    /// Units per hidden layer, and hidden layers, of every network.
    let hiddenSize: Int, hiddenLayers: Int
    /// Whether observations are normalized with running statistics.
    let normalizeObservations: Bool

    init(_ h: Hyperparameters) {
        (policyLr, valueLr, gamma, batchSteps) = (h.float("policy_lr"), h.float("value_lr"), h.float("gamma"), h.int("batch_steps"))
        // Both are checked against their ranges (0…1 and 0…2) before they get here.
        (estimator, baseline) = (Estimator(rawValue: h.int("estimator"))!, Baseline(rawValue: h.int("baseline"))!)
        (valueIterations, hiddenSize, hiddenLayers) = (h.int("value_iterations"), h.int("hidden_size"), h.int("hidden_layers"))
        normalizeObservations = h.flag("normalize_observations")
    }
}
