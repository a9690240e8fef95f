/// The hyperparameters of TD3 and DDPG as typed fields. Each is declared once, in
/// `fields(smoothing:)`, with its name, default, valid values and meaning; the zeros below are
/// placeholders that the fields overwrite.
struct DeterministicPolicyConfiguration: AgentConfiguration, HiddenLayersConfiguration, Equatable {
    var learningRate: Float = 0
    var bufferSize = 0
    var gamma: Float = 0, tau: Float = 0
    var batchSize = 0
    /// TD3 only (0 for DDPG): σ of the target policy smoothing noise, and its bound.
    var policyNoise: Float = 0, noiseClip: Float = 0
    var explorationNoise: Float = 0
    var learningStarts = 0, policyFrequency = 0, updatesPerStep = 0
    var hiddenSize = 0, hiddenLayers = 0
    var layerNorm = false
    var nStep = 0
    var normalizeObservations = false

    /// TD3's hyperparameters (`smoothing`: target policy smoothing), or DDPG's.
    static func fields(smoothing: Bool) -> [HyperparameterField<Self>] {
        let critics = smoothing ? "critics" : "critic"
        let smoothingFields: [HyperparameterField<Self>] = smoothing ? [
            .init(\.policyNoise, .real("policy_noise", 0.2, 0...10, "σ of the noise added to target actions (target policy smoothing)")),
            .init(\.noiseClip, .real("noise_clip", 0.5, 0...10, "bound of that noise")),
        ] : []
        return [
            .init(\.learningRate, .learningRate("learning_rate", 3e-4, "Adam learning rate of the actor and the \(critics)")),
            .init(\.bufferSize, .bufferSize),
            .init(\.gamma, .gamma),
            .init(\.tau, .tau),
            .init(\.batchSize, .batchSize),
        ] + smoothingFields + [
            .init(\.explorationNoise, .explorationNoise),
            .init(\.learningStarts, .learningStarts(25_000)),
            .init(\.policyFrequency, .policyFrequency),
            .init(\.updatesPerStep, .updatesPerStep),
            .init(\.hiddenSize, .hiddenSize(256)),
            .init(\.hiddenLayers, .hiddenLayers),
            .init(\.nStep, .nStep),
            .init(\.layerNorm, .layerNorm),
            .init(\.normalizeObservations, .normalizeObservations(0)),
        ]
    }
}
