/// SAC's hyperparameters as typed fields, read once from their names (see
/// `SACAgent.hyperparameters` for the valid values).
struct SACConfiguration: Sendable, Equatable {
    /// Adam learning rate of the policy.
    let policyLr: Float
    /// Adam learning rate of the critics (and of α with autotune).
    let qLr: Float
    /// Transitions the replay buffer keeps.
    let bufferSize: Int
    /// Discount factor γ.
    let gamma: Float
    /// Polyak step of the target critics.
    let tau: Float
    /// Transitions per gradient step.
    let batchSize: Int
    /// Environment steps of uniform random actions before learning starts.
    let learningStarts: Int
    /// Critic updates per (batch of) actor updates.
    let policyFrequency: Int
    /// Critic updates between two Polyak updates of the target critics.
    let targetNetworkFrequency: Int
    /// The fixed entropy temperature α (without autotune).
    let alpha: Float
    /// Whether α is tuned towards a target entropy of −|A|.
    let autotune: Bool
    /// Gradient updates per environment step.
    let updatesPerStep: Int
    /// Units per hidden layer, and hidden layers, of every network.
    let hiddenSize: Int, hiddenLayers: Int
    /// Bounds of the policy's log σ.
    let logStdMin: Float, logStdMax: Float

    init(_ h: Hyperparameters) throws(AgentError) {
        guard h["log_std_min"] < h["log_std_max"] else {
            throw .invalidHyperparameter(name: "log_std_min", reason: "it must be below log_std_max")
        }
        (policyLr, qLr, bufferSize, gamma, tau) = (h.float("policy_lr"), h.float("q_lr"), h.int("buffer_size"), h.float("gamma"),
                                                   h.float("tau"))
        (batchSize, learningStarts, policyFrequency, targetNetworkFrequency) = (h.int("batch_size"), h.int("learning_starts"),
                                                                               h.int("policy_frequency"),
                                                                               h.int("target_network_frequency"))
        (alpha, autotune, updatesPerStep) = (h.float("alpha"), h.flag("autotune"), h.int("updates_per_step"))
        (hiddenSize, hiddenLayers, logStdMin, logStdMax) = (h.int("hidden_size"), h.int("hidden_layers"), h.float("log_std_min"),
                                                            h.float("log_std_max"))
    }
}
