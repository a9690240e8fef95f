import GaitCore

/// What every command shares: the environment plugins the command line was started with, and
/// the user's registered environment files.
enum CommandContext {
    /// Set once by `GaitCLI.main` before any command runs.
    nonisolated(unsafe) static var plugins: [any EnvironmentPlugin.Type] = []

    /// The registry of every environment the commands can see.
    static func registry() throws -> EnvironmentRegistry {
        try EnvironmentRegistry(plugins: plugins, additional: UserEnvironmentStore.current.specs().map {
            (UserEnvironmentStore.providerName, $0)
        })
    }
}
