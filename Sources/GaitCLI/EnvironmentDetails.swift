import GaitCore

/// What `gait envs show ID --json` prints: the summary's fields, the observation's bounds (null
/// where unbounded) and named parts with their index ranges, and the simulation settings.
struct EnvironmentDetails: Encodable {
    /// One named part of the observation: indices `start ..< start + size`.
    struct Part: Encodable {
        var name: String
        var start: Int
        var size: Int
    }

    var id: String
    var version: Int
    var summary: String
    var tags: [String]
    var providedBy: String
    var observationDim: Int
    var actionDim: Int
    var maxEpisodeSteps: Int
    var observationLow: [Float?]
    var observationHigh: [Float?]
    var observationParts: [Part]
    var settings: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, version, summary, tags, settings
        case providedBy = "provided_by", observationDim = "observation_dim", actionDim = "action_dim"
        case maxEpisodeSteps = "max_episode_steps", observationLow = "observation_low", observationHigh = "observation_high"
        case observationParts = "observation_parts"
    }

    /// The details of `spec`, made as `environment`, provided by `provider`.
    init(_ spec: EnvironmentSpec, environment: any Environment, provider: String) {
        (id, version, summary, tags, providedBy) = (spec.id, spec.version, spec.summary, spec.tags, provider)
        (observationDim, actionDim, maxEpisodeSteps) = (spec.observationSize, spec.actionSize, spec.maxEpisodeSteps)
        let space = environment.observationSpace
        (observationLow, observationHigh) = (space.low.map { $0.isFinite ? $0 : nil }, space.high.map { $0.isFinite ? $0 : nil })
        var start = 0
        observationParts = spec.observationParts.map { part in
            defer { start += part.size }
            return Part(name: part.name, start: start, size: part.size)
        }
        settings = environment.settings
    }
}
