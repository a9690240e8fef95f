/// Makes agents by name, so that the training loop and the command line can choose one.
public enum AgentFactory {
    /// The names of the built-in agents.
    public static let names = ["sac", "td3", "ddpg", "ppo", "a2c", "a3c", "reinforce"]

    /// The built-in agent `name` for the given sizes, with hyperparameter `overrides`.
    public static func make(_ name: String, observationSize: Int, actionSize: Int, overrides: [String: Double] = [:],
                            seed: UInt64) throws(AgentError) -> any Agent {
        switch name {
        case "sac": try SACAgent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        case "td3": try TD3Agent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        case "ddpg": try DDPGAgent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        case "ppo": try PPOAgent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        case "a2c": try A2CAgent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        case "a3c": try A3CAgent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        case "reinforce": try REINFORCEAgent(observationSize: observationSize, actionSize: actionSize, overrides: overrides, seed: seed)
        default: throw .unknownAgent(name: name, valid: names)
        }
    }
}
