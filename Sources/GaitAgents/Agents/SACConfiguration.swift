/// SAC's hyperparameters as typed fields. Each is declared once, in `fields`, with its name,
/// default, valid values and meaning; the zeros below are placeholders that `fields` overwrite.
struct SACConfiguration: AgentConfiguration, HiddenLayersConfiguration, Equatable {
    var policyLr: Float = 0, qLr: Float = 0
    var bufferSize = 0
    var gamma: Float = 0, tau: Float = 0
    var batchSize = 0, learningStarts = 0, policyFrequency = 0, targetNetworkFrequency = 0
    var alpha: Float = 0
    var autotune = false
    var initialAlpha: Float = 0, targetEntropyScale: Float = 0
    var updatesPerStep = 0
    var hiddenSize = 0, hiddenLayers = 0
    var layerNorm = false
    var nStep = 0
    var normalizeObservations = false
    var logStdMin: Float = 0, logStdMax: Float = 0

    static let fields: [HyperparameterField<Self>] = [
        .init(\.policyLr, .learningRate("policy_lr", 3e-4, "Adam learning rate of the policy")),
        .init(\.qLr, .learningRate("q_lr", 1e-3, "Adam learning rate of the critics (and of α with autotune)")),
        .init(\.bufferSize, .bufferSize),
        .init(\.gamma, .gamma),
        .init(\.tau, .tau),
        .init(\.batchSize, .batchSize),
        .init(\.learningStarts, .learningStarts(5_000)),
        .init(\.policyFrequency, .policyFrequency),
        .init(\.targetNetworkFrequency, .count("target_network_frequency", 1, "critic updates between two Polyak updates of the target critics")),
        .init(\.alpha, .real("alpha", 0.2, 0...1_000, "entropy temperature α when autotune is 0")),
        .init(\.autotune, .flag("autotune", 1, "tune α towards a target entropy of −target_entropy_scale·|A|")),
        .init(\.initialAlpha, .real("initial_alpha", 1, 1e-6...1_000, "with autotune: α's starting value (SimBa starts at 0.01)")),
        .init(\.targetEntropyScale, .real("target_entropy_scale", 1, 0...10, "with autotune: the target entropy is −target_entropy_scale·|A| (SimBa and BRO: 0.5)")),
        .init(\.updatesPerStep, .updatesPerStep),
        .init(\.hiddenSize, .hiddenSize(256)),
        .init(\.hiddenLayers, .hiddenLayers),
        .init(\.nStep, .nStep),
        .init(\.layerNorm, .layerNorm),
        .init(\.normalizeObservations, .normalizeObservations(0)),
        .init(\.logStdMin, .real("log_std_min", -5, -20...20, "lower bound of the policy's log σ")),
        .init(\.logStdMax, .real("log_std_max", 2, -20...20, "upper bound of the policy's log σ")),
    ]

    /// The configuration `h` gives; the bounds of log σ must be in order.
    static func checked(_ h: Hyperparameters) throws(AgentError) -> SACConfiguration {
        let configuration = SACConfiguration(h, fields: fields)
        guard configuration.logStdMin < configuration.logStdMax else {
            throw .invalidHyperparameter(name: "log_std_min", reason: "it must be below log_std_max")
        }
        return configuration
    }
}
