/// Everything that decides an environment's future, as named parts: the simulation state, the
/// random generator, a wrapper's counters … `restore` continues from it bit for bit.
///
/// Parts keep the order they were added in (an environment adds its own, each wrapper one more),
/// and two snapshots are equal when they hold the same parts with the same values bit for bit.
public struct EnvironmentSnapshot: Sendable, Hashable {
    /// One named part: a name such as `simulation.bodies` or `time_limit.elapsed_steps`, and its values.
    public struct Part: Sendable, Hashable {
        public let name: String
        public let values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The parts, in the order they were added.
    public private(set) var parts: [Part]

    /// A snapshot of the given parts, in order.
    public init(_ parts: KeyValuePairs<String, [Double]> = [:]) {
        self.parts = parts.map { Part(name: $0.key, values: $0.value) }
    }

    /// A snapshot of stored parts (as read from a file).
    public init(parts: [Part]) { self.parts = parts }

    /// True when the environment recorded nothing.
    public var isEmpty: Bool { parts.isEmpty }

    /// This snapshot with one more part at the end.
    public func adding(_ name: String, _ values: [Double]) -> EnvironmentSnapshot {
        EnvironmentSnapshot(parts: parts + [Part(name: name, values: values)])
    }

    /// This snapshot with a wrapper's part at the end, or this empty one when the environment
    /// inside keeps no state (a wrapper's part alone could not restore it).
    public func addingWrapperPart(_ name: String, _ values: [Double]) -> EnvironmentSnapshot {
        isEmpty ? self : adding(name, values)
    }

    /// This snapshot without the part `name`.
    public func removing(_ name: String) -> EnvironmentSnapshot {
        EnvironmentSnapshot(parts: parts.filter { $0.name != name })
    }

    /// The values of part `name`; throws `cannotRestore`, naming the part, when it is missing or
    /// (with `count`) has another length.
    public func values(_ name: String, count: Int? = nil) throws(EnvironmentError) -> [Double] {
        guard let part = parts.first(where: { $0.name == name }) else {
            throw .cannotRestore("the snapshot has no part '\(name)' (it has \(parts.map(\.name).joined(separator: ", ")))")
        }
        if let count, part.values.count != count {
            throw .cannotRestore("the snapshot's part '\(name)' has \(part.values.count) values; this environment needs \(count)")
        }
        return part.values
    }

    /// The whole number from 0 to `limit` stored alone in part `name` (a step counter).
    public func count(_ name: String, atMost limit: Int) throws(EnvironmentError) -> Int {
        let value = try values(name, count: 1)[0]
        guard let count = value.wholeNumber(in: 0...limit) else {
            throw .cannotRestore("'\(name)' is \(value); it must be a whole number from 0 to \(limit)")
        }
        return count
    }

    /// The random generator stored in part `name` (see `RandomSource.exactValues`).
    public func random(_ name: String = "random") throws(EnvironmentError) -> RandomSource {
        guard let random = RandomSource(exactValues: try values(name)) else {
            throw .cannotRestore("the snapshot's part '\(name)' is not a random generator state")
        }
        return random
    }
}
