import GaitAgents
import GaitCore

/// What every command shares: the environment plugins the command line was started with, the
/// user's registered environment files, and the agents.
enum CommandContext {
    /// The agents `--agent` chooses from; set by `GaitCLI.main` before any command runs.
    nonisolated(unsafe) static var agents = AgentRegistry.builtin

    /// Set once by `GaitCLI.main` before any command runs.
    nonisolated(unsafe) static var plugins: [any EnvironmentPlugin.Type] = [] {
        didSet { registered = nil }
    }

    nonisolated(unsafe) private static var registered: EnvironmentRegistry?

    /// The registry of every environment the commands can see, built once per process (reading
    /// the environment files and loading their models once).
    static func registry() throws -> EnvironmentRegistry {
        if let registered { return registered }
        let registry = try EnvironmentCatalog.registry(plugins: plugins)
        registered = registry
        return registry
    }
}
