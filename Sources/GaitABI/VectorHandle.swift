import GaitCore
import GaitRuns

/// A vector environment made through the C ABI: `count` copies stepped by Gait's thread-parallel
/// `VectorEnvironment` (same-step or next-step auto-reset), with the buffers its calls reuse.
final class VectorHandle: GuardedHandle {
    let gate = HandleGate(noun: "vector environment")
    /// The most copies one vector environment may have.
    static let maximumCount = 4096

    let vector: VectorEnvironment
    private var actions: [[Float]]
    /// The names of the info numbers written by `step`.
    private(set) var layout = InfoLayout()
    /// The text entries of each copy's last step info (such as `physics_error`).
    private(set) var messages: [[String: String]]

    /// Makes `count` copies of environment `id` in at most `threads` groups (0: one per core).
    init(id: String, count: Int, threads: Int, options: [String: String], autoreset: AutoresetMode) throws {
        guard (1...Self.maximumCount).contains(count) else {
            throw ABIError.outOfRange(name: "the number of copies", value: count, range: 1...Self.maximumCount)
        }
        guard (0...Self.maximumCount).contains(threads) else {
            throw ABIError.outOfRange(name: "the number of threads", value: threads, range: 0...Self.maximumCount)
        }
        let spec = try CommandContext.spec(id)
        vector = threads == 0 ? try VectorEnvironment(spec: spec, count: count, options: options, autoreset: autoreset)
            : try VectorEnvironment(spec: spec, count: count, options: options, threads: threads, autoreset: autoreset)
        actions = Array(repeating: [Float](repeating: 0, count: spec.actionSize), count: count)
        messages = Array(repeating: [:], count: count)
    }

    private var observationSize: Int { vector.spec.observationSize }

    /// Resets every copy (copy i with `seed + i`), writing the observations row by row.
    func reset(seed: UInt64?, observations: UnsafeMutablePointer<Float>) throws {
        for (index, reset) in try vector.reset(seed: seed).enumerated() {
            try observations.store(reset.observation, at: index * observationSize, expected: observationSize, id: vector.spec.id)
        }
    }

    /// Steps copy i with row i of `actionRows`. Writes each copy's next observation (the new
    /// episode's first after a same-step auto-reset), reward, flags and info numbers (column i of `info`,
    /// `capacity` rows of one number per copy), and the last observation of an episode that ended (row i of
    /// `finalObservations`); returns the bitwise or of all copies' flags.
    func step(_ actionRows: UnsafePointer<Float>, observations: UnsafeMutablePointer<Float>, rewards: UnsafeMutablePointer<Double>,
              flags: UnsafeMutablePointer<Int32>, finalObservations: UnsafeMutablePointer<Float>,
              info: UnsafeMutablePointer<Double>, capacity: Int) throws -> Int32 {
        let actionSize = vector.spec.actionSize
        for index in actions.indices {
            actions[index].withUnsafeMutableBufferPointer { $0.baseAddress?.update(from: actionRows + index * actionSize, count: actionSize) }
        }
        let steps = try vector.step(actions)
        let changed = layout.adopt(steps.lazy.map(\.result.info), capacity: capacity)
        var summary: Int32 = 0
        for (index, step) in steps.enumerated() {
            try observations.store(step.result.observation, at: index * observationSize, expected: observationSize, id: vector.spec.id)
            if let final = step.final {
                try finalObservations.store(final.observation, at: index * observationSize, expected: observationSize, id: vector.spec.id)
            }
            rewards[index] = step.result.reward
            layout.write(step.result.info, to: info + index, capacity: capacity, stride: steps.count)
            messages[index] = step.result.info.messages
            flags[index] = StepFlags.of(info: step.result.info, terminated: step.result.terminated, truncated: step.result.truncated,
                                        layoutChanged: changed)
            summary |= flags[index]
        }
        return summary
    }
}
