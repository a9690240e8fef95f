/// What an environment reports beside the observation: named numbers (each reward term, counts)
/// and, rarely, named messages such as `physics_error`.
///
/// Keys keep their insertion order. An environment that reuses one `Info` and only updates
/// values allocates nothing per step.
public struct Info: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The names of the numeric entries, in insertion order.
    public private(set) var keys: [String] = []
    /// The numeric values, parallel to `keys`.
    public private(set) var values: [Double] = []
    /// Text entries (for example `physics_error`).
    public var messages: [String: String] = [:]

    /// An empty info.
    public init() {}

    /// An info holding these numbers, in this order.
    public init(_ entries: KeyValuePairs<String, Double>) {
        for (key, value) in entries { self[key] = value }
    }

    /// The number stored under `key`; setting adds the key if it is new.
    public subscript(key: String) -> Double? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Makes this info hold `other`'s entries, reusing this info's storage: a wrapper that adds an
    /// entry to every step's info keeps an `Info` of its own for it and so allocates nothing.
    public mutating func replaceEntries(with other: Info) {
        keys.removeAll(keepingCapacity: true)
        keys.append(contentsOf: other.keys)
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: other.values)
        messages = other.messages
    }

    /// Removes every entry but keeps the storage, for an info refilled every step.
    public mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        messages.removeAll(keepingCapacity: true)
    }

    public var description: String {
        let numbers = zip(keys, values).map { "\($0)=\($1)" }
        let texts = messages.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        return "[" + (numbers + texts).joined(separator: ", ") + "]"
    }
}
