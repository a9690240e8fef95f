import GaitCore

/// What `gait envs` reports about one environment (also its JSON form).
struct EnvironmentSummary: Codable, Equatable {
    var id: String
    var version: Int
    var observationDim: Int
    var actionDim: Int
    var maxEpisodeSteps: Int
    var tags: [String]
    var summary: String

    enum CodingKeys: String, CodingKey {
        case id, version, tags, summary
        case observationDim = "observation_dim", actionDim = "action_dim", maxEpisodeSteps = "max_episode_steps"
    }

    init(_ spec: EnvironmentSpec) {
        (id, version, observationDim, actionDim, maxEpisodeSteps, tags, summary) = (
            spec.id, spec.version, spec.observationSize, spec.actionSize, spec.maxEpisodeSteps, spec.tags, spec.summary)
    }
}
