import GaitAgents
import GaitCore
import GaitEnvs
import Synchronization

/// What every command, training run and C ABI call of a process shares: the environment plugins
/// it serves, the user's registered environment files, and the agents. Safe to use from any
/// thread.
package enum CommandContext {
    /// The plugins served, and what is built from them once.
    private struct Served {
        var environments: [any EnvironmentPlugin.Type] = [BuiltinEnvironments.self]
        var agents: [any AgentPlugin.Type] = [BuiltinAgents.self]
        var agentRegistry: AgentRegistry?
        var registry: EnvironmentRegistry?
    }

    private static let served = Mutex(Served())

    /// Serves the environments of `plugins` (and the user's environment files) and the agents of
    /// `agents` instead of the built-in ones; set before any command or training runs.
    package static func use(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type]) {
        served.withLock { $0 = Served(environments: plugins, agents: agents) }
    }

    /// The agents `--agent` chooses from; an error when two plugins name the same agent.
    package static var agents: AgentRegistry {
        get throws {
            try served.withLock { served in
                if let registry = served.agentRegistry { return registry }
                let registry = try AgentRegistry(plugins: served.agents)
                served.agentRegistry = registry
                return registry
            }
        }
    }

    /// The registry of every environment served, built once (reading the environment files and
    /// loading their models once); `refreshed` builds it again, for environment files registered
    /// since.
    package static func registry(refreshed: Bool = false) throws -> EnvironmentRegistry {
        try served.withLock { served in
            if !refreshed, let registry = served.registry { return registry }
            let registry = try EnvironmentCatalog.registry(plugins: served.environments)
            served.registry = registry
            return registry
        }
    }

    /// Environment `id`: from the registry, read again when it does not have `id` (so that an
    /// environment file registered by `gait envs add` after the registry was built is found by a
    /// process that goes on running, such as Python's).
    package static func spec(_ id: String) throws -> EnvironmentSpec {
        let current = try registry()
        if current.providers[id] != nil { return try current.spec(id) }
        return try registry(refreshed: true).spec(id)
    }
}
