/// Everything known about an environment before it is made: identity, shapes, limits and a
/// factory.
public struct EnvironmentSpec: Sendable {
    /// Builds the raw environment (before the standard wrappers) from a seed and options.
    public typealias Factory = @Sendable (_ seed: UInt64?, _ options: [String: String]) throws -> any Environment

    /// The identifier, such as `walker-run`.
    public let id: String
    /// Bumped whenever a change would alter returns or trajectories.
    public let version: Int
    /// One line saying what the task is.
    public let summary: String
    /// Free-form labels (`locomotion`, `planar`, `classic` …).
    public let tags: [String]
    /// Steps after which an episode is truncated.
    public let maxEpisodeSteps: Int
    /// The observation size.
    public let observationSize: Int
    /// The action size.
    public let actionSize: Int
    /// The observation's named parts, in order (empty when the environment does not name them).
    public let observationParts: [ObservationPart]
    /// Makes the raw environment.
    public let factory: Factory

    /// Describes an environment.
    public init(id: String, version: Int = 1, summary: String, tags: [String] = [], maxEpisodeSteps: Int,
                observationSize: Int, actionSize: Int, observationParts: [ObservationPart] = [],
                factory: @escaping Factory) {
        precondition(observationParts.isEmpty || observationParts.reduce(0, { $0 + $1.size }) == observationSize,
                     "the observation parts of \(id) must add up to its observation size")
        self.id = id
        self.version = version
        self.summary = summary
        self.tags = tags
        self.maxEpisodeSteps = maxEpisodeSteps
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.observationParts = observationParts
        self.factory = factory
    }

    /// Describes an environment whose observation is laid out as `observationParts` (its size is
    /// theirs).
    public init(id: String, version: Int = 1, summary: String, tags: [String] = [], maxEpisodeSteps: Int,
                observationParts: [ObservationPart], actionSize: Int, factory: @escaping Factory) {
        self.init(id: id, version: version, summary: summary, tags: tags, maxEpisodeSteps: maxEpisodeSteps,
                  observationSize: observationParts.reduce(0) { $0 + $1.size }, actionSize: actionSize,
                  observationParts: observationParts, factory: factory)
    }

    /// Makes the environment with the standard wrappers: order enforcement, the time limit and
    /// action checking with clipping.
    public func make(seed: UInt64? = nil, options: [String: String] = [:]) throws -> any Environment {
        let raw = try factory(seed, options)
        return OrderEnforcing(TimeLimit(ActionClipping(raw), maxEpisodeSteps: maxEpisodeSteps))
    }
}
