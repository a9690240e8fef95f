import GaitCore

/// The environment copies a `Trainer` steps: one vector environment that steps them all
/// together, or separate copies that an asynchronous agent's workers step one each.
enum EnvironmentCopies {
    case vector(VectorEnvironment)
    case separate([any Environment])

    /// `count` copies of `spec`: separate ones when `separate`, else a vector environment.
    init(spec: EnvironmentSpec, count: Int, options: [String: String], separate: Bool) throws {
        self = separate ? .separate(try (0..<count).map { _ in try spec.make(options: options) })
            : .vector(try VectorEnvironment(spec: spec, count: count, options: options))
    }

    /// Resets every copy, copy `i` with `seed + i`; returns their first observations.
    func reset(seed: UInt64) throws -> [[Float]] {
        switch self {
        case .vector(let vector): try vector.reset(seed: seed).map(\.observation)
        case .separate(let copies): try copies.enumerated().map { try $1.reset(seed: seed &+ UInt64($0)).observation }
        }
    }

    /// The state of every copy.
    func snapshots() -> [EnvironmentSnapshot] {
        switch self {
        case .vector(let vector): vector.snapshots()
        case .separate(let copies): copies.map { $0.snapshot() }
        }
    }

    /// Returns every copy to a state from `snapshots()`.
    func restore(_ snapshots: [EnvironmentSnapshot]) throws {
        switch self {
        case .vector(let vector): try vector.restore(snapshots)
        case .separate(let copies):
            guard snapshots.count == copies.count else {
                throw EnvironmentError.cannotRestore("expected \(copies.count) snapshots, one per copy, got \(snapshots.count)")
            }
            for (copy, snapshot) in zip(copies, snapshots) { try copy.restore(snapshot) }
        }
    }
}
