/// Why an agent could not be made or restored.
public enum AgentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No agent has this name.
    case unknownAgent(name: String, valid: [String])
    /// An agent name that two plugins both provide.
    case duplicateAgent(name: String, plugins: [String])
    /// A hyperparameter the agent does not have.
    case unknownHyperparameter(name: String, valid: [String])
    /// A hyperparameter with an unusable value.
    case invalidHyperparameter(name: String, reason: String)
    /// A saved state that does not fit the agent.
    case incompatibleState(String)
    /// A quantity of agent `agent` stopped being a finite number at a training step (nil: while
    /// evaluating): an action, a loss or gradient norm it reported, a reward it was given, or a
    /// tensor of its state.
    case diverged(step: Int?, agent: String, quantity: String)
    /// A configuration whose estimated memory does not fit this machine.
    case tooLarge(what: String, bytes: Double, limit: Double, source: String, advice: String)

    public var description: String {
        switch self {
        case .unknownAgent(let name, let valid):
            "unknown agent '\(name)'; choose one of \(valid.joined(separator: ", "))"
        case .duplicateAgent(let name, let plugins):
            "agent '\(name)' is provided by both \(plugins.joined(separator: " and ")); rename one of them"
        case .unknownHyperparameter(let name, let valid):
            "unknown hyperparameter '\(name)'; valid ones are \(valid.joined(separator: ", "))"
        case .invalidHyperparameter(let name, let reason):
            "invalid value for '\(name)': \(reason)"
        case .incompatibleState(let why):
            "the saved agent state does not fit this agent: \(why)"
        case .diverged(let step, let agent, let quantity):
            "\(agent) diverged \(step.map { "at step \($0)" } ?? "while evaluating"): \(quantity) is not a finite number. Lower the learning "
                + "rates or raise batch_size, then train again; the run's checkpoints from before stay as they were"
        case .tooLarge(let what, let bytes, let limit, let source, let advice):
            "\(what) would need about \(Self.size(bytes)) of memory, more than the \(Self.size(limit)) allowed (\(source)). \(advice)"
        }
    }

    /// `bytes` in gigabytes, or in megabytes below one gigabyte.
    static func size(_ bytes: Double) -> String {
        switch bytes {
        case 1e15...: String(format: "%.1e GB", bytes / 1e9)
        case 1e9...: String(format: "%.1f GB", bytes / 1e9)
        default: String(format: "%.3g MB", bytes / 1e6)
        }
    }
}
