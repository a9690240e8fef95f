/// A call through the C ABI that cannot be served as made.
enum ABIError: Error, CustomStringConvertible {
    /// A required pointer was null.
    case nullArgument(String)
    /// A count outside what the function accepts.
    case outOfRange(name: String, value: Int, range: ClosedRange<Int>)
    /// Text that is not UTF-8.
    case notUTF8(String)
    /// The options were not a JSON object of strings.
    case badOptions(String)
    /// The training request was not the JSON object `gait_train` takes.
    case badRequest(DecodingError)
    /// A handle reached by a second thread while a call on it is under way.
    case concurrentUse(String)
    /// A handle used after it was closed.
    case closedHandle(String)

    var description: String {
        switch self {
        case .nullArgument(let name): "\(name) must not be null"
        case .outOfRange(let name, let value, let range): "\(name) is \(value); it must be from \(range.lowerBound) to \(range.upperBound)"
        case .notUTF8(let name): "\(name) is not UTF-8 text"
        case .badOptions(let why): "environment options must be a JSON object of strings: \(why)"
        case .badRequest(let error): "the training request must be a JSON object such as {\"environment\": \"pendulum\", \"agent\": \"sac\", "
            + "\"settings\": {\"steps\": 20000}}: \(error.summary)"
        case .concurrentUse(let noun): "this \(noun) is in use by a call from another thread; use it from one thread at a time "
            + "(or give each thread its own)"
        case .closedHandle(let noun): "this \(noun) was closed"
        }
    }
}
