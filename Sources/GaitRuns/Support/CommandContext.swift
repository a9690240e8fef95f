import GaitAgents
import GaitCore

/// What every command and training run shares: the environment plugins the process serves, the
/// user's registered environment files, and the agents.
package enum CommandContext {
    /// The agents `--agent` chooses from.
    nonisolated(unsafe) package private(set) static var agents = AgentRegistry.builtin

    /// The environment plugins.
    nonisolated(unsafe) private static var plugins: [any EnvironmentPlugin.Type] = [] {
        didSet { registered = nil }
    }

    nonisolated(unsafe) private static var registered: EnvironmentRegistry?

    /// Serves the environments of `plugins` (and the user's environment files) and the agents of
    /// `agents`; set before any command or training runs (two plugins naming one agent are an error).
    package static func use(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type]) throws {
        self.agents = try AgentRegistry(plugins: agents)
        self.plugins = plugins
    }

    /// The registry of every environment the commands can see, built once per process (reading
    /// the environment files and loading their models once).
    package static func registry() throws -> EnvironmentRegistry {
        if let registered { return registered }
        let registry = try EnvironmentCatalog.registry(plugins: plugins)
        registered = registry
        return registry
    }
}
