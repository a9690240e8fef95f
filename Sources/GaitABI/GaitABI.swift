import GaitAgents
import GaitCore
import GaitEnvs
import GaitRuns
import Synchronization

/// Gait's environments behind a C ABI (`libGaitABI.so`), for Python and any other language that
/// can call C. Every exported function returns a status (0 success, −1 failure; the message is
/// then `gait_last_error()`); no Swift error or trap crosses the boundary for any input the
/// functions document as checked.
///
/// A package with environments of its own builds its own dynamic library from this target and
/// its plugins, and exports a `gait_setup` function that calls `install(plugins:agents:)`; the Python
/// package calls `gait_setup` when it finds one (see docs/python.md).
public enum GaitABI {
    /// The ABI's version: bumped whenever a function's signature or meaning changes.
    public static let version: Int32 = 5

    /// The plugins served, and their registry once built.
    private static let catalog = Mutex<(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type],
                                        registry: EnvironmentRegistry?)>(([BuiltinEnvironments.self], [BuiltinAgents.self], nil))

    /// Serves the environments of `plugins` (and the user's environment files) and trains the
    /// agents of `agents`, instead of the built-in ones alone. Call it before the first
    /// environment is made.
    public static func install(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type] = [BuiltinAgents.self]) {
        catalog.withLock { $0 = (plugins, agents, nil) }
    }

    /// The plugins served.
    static var plugins: (environments: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type]) {
        catalog.withLock { ($0.plugins, $0.agents) }
    }

    /// The registry, built once (reading the user's environment files once); `refreshed` builds
    /// it again, for environment files registered since.
    static func registry(refreshed: Bool = false) throws -> EnvironmentRegistry {
        try catalog.withLock { catalog in
            if !refreshed, let registry = catalog.registry { return registry }
            let registry = try EnvironmentCatalog.registry(plugins: catalog.plugins)
            catalog.registry = registry
            return registry
        }
    }

    /// Environment `id`: from the registry, read again when it does not have `id` (an
    /// environment file registered after the registry was built, by `gait envs add`, is found without restarting).
    static func spec(_ id: String) throws -> EnvironmentSpec {
        let current = try registry()
        if current.providers[id] != nil { return try current.spec(id) }
        return try registry(refreshed: true).spec(id)
    }
}
