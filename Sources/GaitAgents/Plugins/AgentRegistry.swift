/// The agents of an explicit list of plugins, looked up by name.
public struct AgentRegistry: Sendable {
    /// Every registered agent, in plugin order.
    public let specs: [AgentSpec]

    /// Registers every agent of `plugins`; a name given twice is an error naming both plugins.
    public init(plugins: [any AgentPlugin.Type]) throws(AgentError) {
        var specs: [AgentSpec] = []
        var providers: [String: String] = [:]
        for plugin in plugins {
            for spec in plugin.agents {
                if let first = providers[spec.name] { throw .duplicateAgent(name: spec.name, plugins: [first, plugin.name]) }
                providers[spec.name] = plugin.name
                specs.append(spec)
            }
        }
        self.specs = specs
    }

    /// Gait's own agents.
    public static let builtin = AgentRegistry(specs: BuiltinAgents.agents)

    private init(specs: [AgentSpec]) { self.specs = specs }

    /// Every registered name, in registration order.
    public var names: [String] { specs.map(\.name) }

    /// The spec of agent `name`, or an error listing the agents.
    public func spec(_ name: String) throws(AgentError) -> AgentSpec {
        guard let spec = specs.first(where: { $0.name == name }) else { throw .unknownAgent(name: name, valid: names) }
        return spec
    }

    /// A new agent `name` (see `AgentSpec.make`).
    public func make(_ name: String, observationSize: Int, actionSize: Int, overrides: [String: Double] = [:],
                     seed: UInt64) throws(AgentError) -> any Agent {
        try spec(name).make(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
    }
}
