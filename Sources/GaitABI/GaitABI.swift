import GaitAgents
import GaitCore
import GaitEnvs
import GaitRuns

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

    /// Serves the environments of `plugins` (and the user's environment files) and trains the
    /// agents of `agents`, instead of the built-in ones alone. Call it before the first
    /// environment is made; two plugins that name one agent make every call that needs the
    /// agents fail, saying so.
    public static func install(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type] = [BuiltinAgents.self]) {
        CommandContext.use(plugins: plugins, agents: agents)
    }
}
