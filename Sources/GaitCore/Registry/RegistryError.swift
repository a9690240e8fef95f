/// Why an environment could not be found or registered.
public enum RegistryError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No environment has this id; `suggestions` are the closest known ids.
    case unknownEnvironment(id: String, suggestions: [String])
    /// Two specs share an id; `plugins` names both providers.
    case duplicateEnvironment(id: String, plugins: [String])

    public var description: String {
        switch self {
        case .unknownEnvironment(let id, let suggestions):
            let hint = suggestions.isEmpty ? "run 'gait envs' to list them"
                : "did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
            return "unknown environment '\(id)'; \(hint)"
        case .duplicateEnvironment(let id, let plugins):
            return "environment '\(id)' is registered twice (by \(plugins.joined(separator: " and "))); ids must be unique"
        }
    }
}
