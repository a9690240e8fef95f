import Foundation

/// Several copies of one environment stepped in parallel. The copies are split into as many
/// contiguous groups as there are cores (at least one copy per group): the first group runs on
/// the calling thread, every other on a worker thread of its own, so no more threads compete
/// for the cores than there are cores, and more copies than cores cost no more than their
/// steps. Each copy is created on the thread that steps it. Copy `i` is seeded with `seed + i`
/// and never shares state with another, so results do not depend on the grouping or on thread
/// timing. Finished episodes are reset automatically, in the step that ends them or in the next
/// (see `AutoresetMode`).
///
/// Like any environment, a vector environment belongs to the thread that created it.
public final class VectorEnvironment {
    /// The number of copies.
    public let count: Int
    /// The specification every copy was made from.
    public let spec: EnvironmentSpec
    /// The copies stepped on the calling thread (the first group).
    private let locals: [any Environment]
    private let workers: [VectorWorker]
    /// The copies of each group, in order; group 0 is `locals`.
    private let groups: [Range<Int>]
    /// When finished episodes are reset.
    public let autoreset: AutoresetMode
    /// With next-step autoreset, the copies whose episode ended in the last step.
    private var ended: [Bool]

    /// Makes `count` copies of `spec` in at most `threads` groups (default: one per core).
    public init(spec: EnvironmentSpec, count: Int, options: [String: String] = [:],
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, autoreset: AutoresetMode = .sameStep) throws {
        precondition(count > 0 && threads > 0, "a vector environment needs at least one copy and one thread")
        self.count = count
        self.spec = spec
        self.autoreset = autoreset
        ended = Array(repeating: false, count: count)
        let groupCount = min(count, threads)
        groups = (0..<groupCount).map { group in (group * count / groupCount)..<((group + 1) * count / groupCount) }
        locals = try groups[0].map { _ in try spec.make(options: options) }
        var started: [VectorWorker] = []
        do {
            for group in groups.dropFirst() { started.append(try VectorWorker(spec: spec, options: options, copies: group)) }
        } catch {
            for worker in started { worker.stop() }
            throw error
        }
        workers = started
    }

    deinit {
        for worker in workers { worker.stop() }
    }

    /// Resets every copy; copy `i` gets `seed + i` (or no seed).
    public func reset(seed: UInt64?) throws -> [(observation: [Float], info: Info)] {
        let seeds = (0..<count).map { index in seed.map { $0 &+ UInt64(index) } }
        let replies = try run(seeds.map { .reset($0) })
        ended = Array(repeating: false, count: count)
        return replies.map { reply in
            guard case .reset(let observation, let info) = reply else { preconditionFailure("reset got \(reply)") }
            return (observation, info)
        }
    }

    /// Steps copy `i` with `actions[i]`, all copies at once (with next-step autoreset, resets
    /// instead the copies whose episode ended in the last step). Every action is checked first:
    /// one that is refused steps no copy.
    public func step(_ actions: [[Float]]) throws -> [VectorStep] {
        precondition(actions.count == count, "expected \(count) actions, one per copy, got \(actions.count)")
        for (index, action) in actions.enumerated() where !ended[index] {
            do {
                try ActionClipping.check(action, size: spec.actionSize)
            } catch {
                throw EnvironmentError.inCopy(index, error)
            }
        }
        let requests: [VectorWorker.Request] = zip(actions, ended).map { action, ended in
            ended ? .reset(nil) : .step(action, autoreset: autoreset == .sameStep)
        }
        let steps = try run(requests).map { reply in
            switch reply {
            case .step(let step): return step
            case .reset(let observation, let info):
                return VectorStep(result: StepResult(observation: observation, reward: 0, terminated: false, truncated: false, info: info))
            default: preconditionFailure("step got \(reply)")
            }
        }
        if autoreset == .nextStep { ended = steps.map(\.result.isDone) }
        return steps
    }

    /// The state of every copy (see `Environment.snapshot()`); with next-step autoreset, also
    /// whether the copy's next step is a reset (the part `vector.ended`).
    public func snapshots() -> [EnvironmentSnapshot] {
        try! run([VectorWorker.Request](repeating: .snapshot, count: count)).enumerated().map { index, reply in
            guard case .snapshot(let values) = reply else { preconditionFailure("snapshot got \(reply)") }
            return autoreset == .nextStep ? values.addingWrapperPart(Self.endedPart, [ended[index] ? 1 : 0]) : values
        }
    }

    /// Returns every copy to a state from `snapshots()`. A copy whose episode ended in the step
    /// before the snapshot (next-step autoreset) resets in its next step; a same-step vector
    /// refuses such a state, which it never is in.
    public func restore(_ snapshots: [EnvironmentSnapshot]) throws {
        guard snapshots.count == count else {
            throw EnvironmentError.cannotRestore("expected \(count) snapshots, one per copy, got \(snapshots.count)")
        }
        var restored = ended
        for (index, snapshot) in snapshots.enumerated() {
            var endedBefore = false
            if snapshot.parts.contains(where: { $0.name == Self.endedPart }) {
                do {
                    endedBefore = try snapshot.count(Self.endedPart, atMost: 1) == 1
                } catch {
                    throw EnvironmentError.inCopy(index, error)
                }
            }
            if endedBefore && autoreset == .sameStep {
                throw EnvironmentError.inCopy(index, .cannotRestore("the snapshot was taken at an episode's end by a vector environment that resets in the next step; restore it into one made with next-step autoreset"))
            }
            restored[index] = endedBefore
        }
        _ = try run(snapshots.map { .restore($0.removing(Self.endedPart)) })
        ended = restored
    }

    /// The snapshot part that says, with next-step autoreset, that a copy's next step is a reset.
    private static let endedPart = "vector.ended"

    /// Hands each worker its group's requests, serves the first group here meanwhile, then
    /// collects the replies in copy order; the first error (by copy) is thrown after all copies
    /// have answered.
    private func run(_ requests: [VectorWorker.Request]) throws -> [Reply] {
        for (worker, group) in zip(workers, groups.dropFirst()) { worker.submit(Array(requests[group])) }
        var replies = VectorWorker.serve(Array(requests[groups[0]]), on: locals)
        for worker in workers { replies += worker.replies() }
        return try replies.map { try $0.get() }
    }
}
