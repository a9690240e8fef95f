/// The hyperparameters of TD3 and DDPG as typed fields, read once from their names (see
/// `TD3Agent.hyperparameters` and `DDPGAgent.hyperparameters` for the valid values).
struct DeterministicPolicyConfiguration: Sendable, Equatable {
    /// Adam learning rate of the actor and the critics.
    let learningRate: Float
    /// Transitions the replay buffer keeps.
    let bufferSize: Int
    /// Discount factor γ.
    let gamma: Float
    /// Polyak step of the target networks.
    let tau: Float
    /// Transitions per gradient step.
    let batchSize: Int
    /// σ of the Gaussian noise added to actions while exploring.
    let explorationNoise: Float
    /// Environment steps of uniform random actions before learning starts.
    let learningStarts: Int
    /// Critic updates per actor update (the delay).
    let policyFrequency: Int
    /// Gradient updates per environment step.
    let updatesPerStep: Int
    /// Units per hidden layer, and hidden layers, of every network.
    let hiddenSize: Int, hiddenLayers: Int
    /// TD3 only (0 for DDPG): σ of the target policy smoothing noise, and its bound.
    let policyNoise: Float, noiseClip: Float

    init(_ h: Hyperparameters) {
        (learningRate, bufferSize, gamma, tau, batchSize) = (h.float("learning_rate"), h.int("buffer_size"), h.float("gamma"),
                                                             h.float("tau"), h.int("batch_size"))
        (explorationNoise, learningStarts, policyFrequency, updatesPerStep) = (h.float("exploration_noise"), h.int("learning_starts"),
                                                                               h.int("policy_frequency"), h.int("updates_per_step"))
        (hiddenSize, hiddenLayers) = (h.int("hidden_size"), h.int("hidden_layers"))
        let smoothing = h.names.contains("policy_noise")
        (policyNoise, noiseClip) = smoothing ? (h.float("policy_noise"), h.float("noise_clip")) : (0, 0)
    }
}
