/// A set of agents provided together. Gait's own are `BuiltinAgents`; a package adds its own by
/// passing its plugin to `GaitCLI.main(plugins:agents:)` (and `GaitABI.install(plugins:agents:)`).
public protocol AgentPlugin: SendableMetatype {
    /// A short name for the plugin (shown in errors).
    static var name: String { get }
    /// The agents this plugin provides.
    static var agents: [AgentSpec] { get }
}
