/// A command-line problem that is the user's to fix; its description says what and how.
package enum CLIError: Error, CustomStringConvertible, Equatable {
    /// An option or setting with an unusable value.
    case invalidValue(name: String, value: String, reason: String)
    /// A setting the agent or trainer does not have.
    case unknownKey(name: String, valid: [String])
    /// A file or folder that could not be read or written.
    case io(path: String, reason: String)
    /// A configuration or environment file that could not be understood.
    case badFile(path: String, reason: String)
    /// A folder that is not a Gait run directory.
    case notARun(path: String, reason: String)
    /// Options that contradict each other or are missing.
    case usage(String)

    package var description: String {
        switch self {
        case .invalidValue(let name, let value, let reason): "invalid value '\(value)' for \(name): \(reason)"
        case .unknownKey(let name, let valid):
            "unknown setting '\(name)'; valid settings are \(valid.joined(separator: ", "))"
        case .io(let path, let reason): "\(path): \(reason)"
        case .badFile(let path, let reason): "\(path): \(reason)"
        case .notARun(let path, let reason): "\(path) is not a Gait run directory (\(reason)); pass the folder `gait train` printed"
        case .usage(let message): message
        }
    }
}
