import GaitAgents

/// Random search's hyperparameters as typed fields, each declared once in `fields` (names as
/// Stable-Baselines3-contrib's ARS spells them); the zeros are placeholders `fields` overwrite.
struct RandomSearchConfiguration: AgentConfiguration {
    var directions = 0
    var learningRate = 0.0
    var deltaStd = 0.0

    static let fields: [HyperparameterField<Self>] = [
        .init(\.directions, .count("n_delta", 8, maximum: 1_000, "random directions tried, each both ways, per update")),
        .init(\.learningRate, .real("learning_rate", 0.02, 0...10, "step size of the update along the directions' return differences")),
        .init(\.deltaStd, .real("delta_std", 0.05, 1e-6...10, "σ of the weight perturbations")),
    ]
}
