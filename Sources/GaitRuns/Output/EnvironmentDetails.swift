import GaitCore

/// What `gait envs show ID --json` prints: the fields of `gait envs --json`, then the provider,
/// the observation's bounds (null where unbounded) and named parts with their index ranges, the
/// action's bounds, the control time step, and the simulation settings.
package struct EnvironmentDetails: Encodable {
    /// One named part of the observation: indices `start ..< start + size`.
    package struct Part: Encodable {
        package var name: String
        package var start: Int
        package var size: Int
    }

    var summary: EnvironmentSummary
    package var providedBy: String
    var observationLow: [Float?]
    var observationHigh: [Float?]
    package var observationParts: [Part]
    var actionLow: [Float]
    var actionHigh: [Float]
    var controlTimeStep: Double
    var settings: [String: String]
    /// Whether the environment can be drawn (replay pages, videos, `render()`): it has shapes to show.
    var drawable: Bool

    enum CodingKeys: String, CodingKey {
        case settings
        case providedBy = "provided_by", observationLow = "observation_low", observationHigh = "observation_high"
        case observationParts = "observation_parts", actionLow = "action_low", actionHigh = "action_high"
        case controlTimeStep = "control_time_step", drawable
    }

    /// The details of `spec`, made as `environment`, provided by `provider`.
    package init(_ spec: EnvironmentSpec, environment: any Environment, provider: String) {
        summary = EnvironmentSummary(spec)
        providedBy = provider
        let space = environment.observationSpace
        (observationLow, observationHigh) = (space.low.map { $0.isFinite ? $0 : nil }, space.high.map { $0.isFinite ? $0 : nil })
        var start = 0
        observationParts = spec.observationParts.map { part in
            defer { start += part.size }
            return Part(name: part.name, start: start, size: part.size)
        }
        (actionLow, actionHigh) = (environment.actionSpace.low, environment.actionSpace.high)
        settings = environment.settings
        controlTimeStep = EnvironmentSettings.controlTimeStep(settings)
        drawable = environment.scene.map { !$0.sceneShapes.isEmpty } ?? false
    }

    /// The summary's keys and these, in one object.
    package func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(providedBy, forKey: .providedBy)
        try container.encode(observationLow, forKey: .observationLow)
        try container.encode(observationHigh, forKey: .observationHigh)
        try container.encode(observationParts, forKey: .observationParts)
        try container.encode(actionLow, forKey: .actionLow)
        try container.encode(actionHigh, forKey: .actionHigh)
        try container.encode(controlTimeStep, forKey: .controlTimeStep)
        try container.encode(settings, forKey: .settings)
        try container.encode(drawable, forKey: .drawable)
    }
}
