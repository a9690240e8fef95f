/// Why an agent could not be made or restored.
public enum AgentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No agent has this name.
    case unknownAgent(name: String, valid: [String])
    /// A hyperparameter the agent does not have.
    case unknownHyperparameter(name: String, valid: [String])
    /// A hyperparameter with an unusable value.
    case invalidHyperparameter(name: String, reason: String)
    /// A saved state that does not fit the agent.
    case incompatibleState(String)

    public var description: String {
        switch self {
        case .unknownAgent(let name, let valid):
            "unknown agent '\(name)'; choose one of \(valid.joined(separator: ", "))"
        case .unknownHyperparameter(let name, let valid):
            "unknown hyperparameter '\(name)'; valid ones are \(valid.joined(separator: ", "))"
        case .invalidHyperparameter(let name, let reason):
            "invalid value for '\(name)': \(reason)"
        case .incompatibleState(let why):
            "the saved agent state does not fit this agent: \(why)"
        }
    }
}
