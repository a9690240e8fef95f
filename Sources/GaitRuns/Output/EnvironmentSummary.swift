import GaitCore

/// What `gait envs` reports about one environment (also its JSON form).
package struct EnvironmentSummary: Codable, Equatable {
    package var id: String
    package var version: Int
    package var observationDim: Int
    package var actionDim: Int
    package var maxEpisodeSteps: Int
    package var tags: [String]
    package var summary: String

    enum CodingKeys: String, CodingKey {
        case id, version, tags, summary
        case observationDim = "observation_dim", actionDim = "action_dim", maxEpisodeSteps = "max_episode_steps"
    }

    package init(_ spec: EnvironmentSpec) {
        (id, version, observationDim, actionDim, maxEpisodeSteps, tags, summary) = (
            spec.id, spec.version, spec.observationSize, spec.actionSize, spec.maxEpisodeSteps, spec.tags, spec.summary)
    }
}
