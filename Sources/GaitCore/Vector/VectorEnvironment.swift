/// Several copies of one environment stepped in parallel. Copy 0 runs on the calling thread and
/// every other copy on a worker thread of its own; each copy is created on the thread that steps
/// it. Copy `i` is seeded with `seed + i`, so results do not depend on thread timing. Finished
/// episodes are reset automatically (see `VectorStep`).
///
/// Like any environment, a vector environment belongs to the thread that created it.
public final class VectorEnvironment {
    /// The number of copies.
    public let count: Int
    /// The specification every copy was made from.
    public let spec: EnvironmentSpec
    private let local: any Environment
    private let workers: [VectorWorker]

    /// Makes copy 0 here and starts `count − 1` workers, each making one more copy of `spec`.
    public init(spec: EnvironmentSpec, count: Int, options: [String: String] = [:]) throws {
        precondition(count > 0, "a vector environment needs at least one copy")
        self.count = count
        self.spec = spec
        local = try spec.make(options: options)
        workers = try (1..<count).map { try VectorWorker(spec: spec, options: options, index: $0) }
    }

    deinit {
        for worker in workers { worker.submit(.stop) }
    }

    /// Resets every copy; copy `i` gets `seed + i` (or no seed).
    public func reset(seed: UInt64?) throws -> [(observation: [Float], info: Info)] {
        let seeds = (0..<count).map { index in seed.map { $0 &+ UInt64(index) } }
        let replies = try run(seeds.map { .reset($0) })
        return replies.map { reply in
            guard case .reset(let observation, let info) = reply else { preconditionFailure("reset got \(reply)") }
            return (observation, info)
        }
    }

    /// Steps copy `i` with `actions[i]`, all copies at once.
    public func step(_ actions: [[Float]]) throws -> [VectorStep] {
        precondition(actions.count == count, "expected \(count) actions, one per copy, got \(actions.count)")
        return try run(actions.map { .step($0) }).map { reply in
            guard case .step(let step) = reply else { preconditionFailure("step got \(reply)") }
            return step
        }
    }

    /// The state of every copy (see `Environment.snapshot()`).
    public func snapshots() -> [EnvironmentSnapshot] {
        try! run([VectorWorker.Request](repeating: .snapshot, count: count)).map { reply in
            guard case .snapshot(let values) = reply else { preconditionFailure("snapshot got \(reply)") }
            return values
        }
    }

    /// Returns every copy to a state from `snapshots()`, mid-episode.
    public func restore(_ snapshots: [EnvironmentSnapshot]) throws {
        guard snapshots.count == count else {
            throw EnvironmentError.cannotRestore("expected \(count) snapshots, one per copy, got \(snapshots.count)")
        }
        _ = try run(snapshots.map { .restore($0) })
    }

    /// Hands each worker its request, serves copy 0 here meanwhile, then collects the replies in
    /// copy order; the first error (by copy) is thrown after all copies have answered.
    private func run(_ requests: [VectorWorker.Request]) throws -> [Reply] {
        for (worker, request) in zip(workers, requests.dropFirst()) { worker.submit(request) }
        var replies: [Result<Reply, any Error>] = [Result { try Reply.serve(requests[0], on: local) }]
        for worker in workers { replies.append(Result { try worker.reply() }) }
        return try replies.map { try $0.get() }
    }
}
