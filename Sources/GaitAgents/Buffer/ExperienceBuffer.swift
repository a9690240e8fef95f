import GaitCore
import GaitNN

/// The experience every agent learns from: a preallocated ring of transitions (observation,
/// action, reward, next observation, terminated, truncated, and the environment copy it came
/// from) stored as one array per field.
///
/// Off-policy agents draw uniform minibatches; on-policy agents read the most recent segment in
/// order. Reading never changes the buffer, so several agents can learn from one buffer.
public final class ExperienceBuffer {
    /// The most transitions kept; older ones are overwritten.
    public let capacity: Int
    public let observationSize: Int
    public let actionSize: Int
    /// Transitions stored now (at most `capacity`).
    public var count: Int { min(added, capacity) }
    /// Transitions ever added.
    public private(set) var added = 0
    /// One more than the highest stream appended: how far apart two consecutive transitions of
    /// one stream can lie (`store(at:)`, which asynchronous workers call at once, leaves it).
    private var streamCount = 0

    private let observations: UnsafeMutableBufferPointer<Float>
    private let nextObservations: UnsafeMutableBufferPointer<Float>
    private let actions: UnsafeMutableBufferPointer<Float>
    private let rewards: UnsafeMutableBufferPointer<Float>
    private let flags: UnsafeMutableBufferPointer<UInt8>
    private let streams: UnsafeMutableBufferPointer<Int32>

    /// The bytes a buffer of this shape holds, doubled for the working copies an on-policy
    /// update makes of its rollout.
    static func estimatedBytes(capacity: Int, observationSize: Int, actionSize: Int) -> Double {
        let floats = 2 * observationSize + actionSize + 1
        let bytesPerTransition = 4 * floats + MemoryLayout<UInt8>.size + MemoryLayout<Int32>.size
        return 2 * Double(capacity) * Double(bytesPerTransition)
    }

    /// A buffer for `capacity` transitions of the given sizes, allocated and zeroed up front, so
    /// that its memory is all taken at the start rather than as it fills.
    public init(capacity: Int, observationSize: Int, actionSize: Int) {
        precondition(capacity > 0, "a buffer needs room for at least one transition")
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionSize = actionSize
        observations = .allocate(capacity: capacity * observationSize)
        nextObservations = .allocate(capacity: capacity * observationSize)
        actions = .allocate(capacity: capacity * actionSize)
        rewards = .allocate(capacity: capacity)
        flags = .allocate(capacity: capacity)
        streams = .allocate(capacity: capacity)
        observations.initialize(repeating: 0)
        nextObservations.initialize(repeating: 0)
        actions.initialize(repeating: 0)
        rewards.initialize(repeating: 0)
        flags.initialize(repeating: 0)
        streams.initialize(repeating: 0)
    }

    deinit {
        observations.deallocate()
        nextObservations.deallocate()
        actions.deallocate()
        rewards.deallocate()
        flags.deallocate()
        streams.deallocate()
    }

    /// Adds one transition. `nextObservation` is the observation the step led to (for a finished
    /// episode, its final observation, not the first of the next episode).
    public func append(observation: UnsafePointer<Float>, action: UnsafePointer<Float>, reward: Double,
                       nextObservation: UnsafePointer<Float>, terminated: Bool, truncated: Bool, stream: Int = 0) {
        store(at: added % capacity, observation: observation, action: action, reward: reward, nextObservation: nextObservation,
              terminated: terminated, truncated: truncated, stream: stream)
        streamCount = max(streamCount, stream + 1)
        added += 1
    }

    /// Writes one transition into `slot` without moving the ring: for asynchronous workers that
    /// each fill a range of slots of their own (and read it back with `transitions(in:into:)`).
    public func store(at slot: Int, observation: UnsafePointer<Float>, action: UnsafePointer<Float>, reward: Double,
                      nextObservation: UnsafePointer<Float>, terminated: Bool, truncated: Bool, stream: Int) {
        precondition(slot >= 0 && slot < capacity, "slot \(slot) is outside the buffer's \(capacity)")
        (observations.baseAddress! + slot * observationSize).update(from: observation, count: observationSize)
        (nextObservations.baseAddress! + slot * observationSize).update(from: nextObservation, count: observationSize)
        (actions.baseAddress! + slot * actionSize).update(from: action, count: actionSize)
        rewards[slot] = Float(reward)
        flags[slot] = (terminated ? 1 : 0) | (truncated ? 2 : 0)
        streams[slot] = Int32(stream)
    }

    /// Adds one transition from arrays.
    public func append(observation: [Float], action: [Float], reward: Double, nextObservation: [Float],
                       terminated: Bool, truncated: Bool, stream: Int = 0) {
        precondition(observation.count == observationSize && nextObservation.count == observationSize
                     && action.count == actionSize, "transition sizes do not match the buffer")
        observation.withUnsafeBufferPointer { o in
            action.withUnsafeBufferPointer { a in
                nextObservation.withUnsafeBufferPointer { n in
                    append(observation: o.baseAddress!, action: a.baseAddress!, reward: reward, nextObservation: n.baseAddress!,
                           terminated: terminated, truncated: truncated, stream: stream)
                }
            }
        }
    }

    /// `batchSize` transitions drawn uniformly (with replacement) from those stored. With
    /// `steps` n > 1, each row becomes an n-step transition: the rewards of up to n consecutive
    /// transitions of its stream, discounted by `gamma` and summed, with the last one's next
    /// observation and flags; it stops early at the end of an episode or at the newest stored
    /// transition, and `horizons` says how many it took. The draws are the same whatever n.
    public func sample(_ batchSize: Int, steps: Int = 1, gamma: Float = 1, random: inout RandomSource,
                       into batch: TransitionBatch) {
        precondition(count > 0, "cannot sample from an empty buffer")
        precondition(steps >= 1, "an n-step draw spans at least one transition")
        batch.resize(batchSize)
        for row in 0..<batchSize {
            var slot = Int(random.next() % UInt64(count))
            copy(slot: slot, to: row, of: batch)
            var (reward, discount, horizon) = (rewards[slot], gamma, 1)
            while horizon < steps, flags[slot] == 0, let next = slotFollowing(slot) {
                slot = next
                reward += discount * rewards[slot]
                discount *= gamma
                horizon += 1
            }
            guard horizon > 1 else { continue }
            (batch.nextObservations.values + row * observationSize)
                .update(from: nextObservations.baseAddress! + slot * observationSize, count: observationSize)
            batch.set(row: row, reward: reward, terminated: flags[slot] & 1 != 0, truncated: flags[slot] & 2 != 0,
                      stream: Int(streams[slot]), horizon: horizon)
        }
    }

    /// The slot of the transition that followed the one in `slot` in its stream, if it is stored
    /// (it lies within the next `streamCount` transitions added).
    private func slotFollowing(_ slot: Int) -> Int? {
        let oldest = added > capacity ? added % capacity : 0
        let age = (slot - oldest + capacity) % capacity
        for later in age + 1..<min(age + 1 + streamCount, count) {
            let candidate = (oldest + later) % capacity
            if streams[candidate] == streams[slot] { return candidate }
        }
        return nil
    }

    /// The latest `length` transitions, oldest first.
    public func latest(_ length: Int, into batch: TransitionBatch) {
        precondition(length <= count, "asked for \(length) transitions, \(count) are stored")
        batch.resize(length)
        for row in 0..<length { copy(slot: (added - length + row) % capacity, to: row, of: batch) }
    }

    /// The transitions in `slots`, in slot order.
    public func transitions(in slots: Range<Int>, into batch: TransitionBatch) {
        precondition(slots.lowerBound >= 0 && slots.upperBound <= capacity, "slots \(slots) lie outside the buffer's \(capacity)")
        batch.resize(slots.count)
        for (row, slot) in slots.enumerated() { copy(slot: slot, to: row, of: batch) }
    }

    private func copy(slot: Int, to row: Int, of batch: TransitionBatch) {
        (batch.observations.values + row * observationSize)
            .update(from: observations.baseAddress! + slot * observationSize, count: observationSize)
        (batch.nextObservations.values + row * observationSize)
            .update(from: nextObservations.baseAddress! + slot * observationSize, count: observationSize)
        (batch.actions.values + row * actionSize).update(from: actions.baseAddress! + slot * actionSize, count: actionSize)
        batch.set(row: row, reward: rewards[slot], terminated: flags[slot] & 1 != 0, truncated: flags[slot] & 2 != 0,
                  stream: Int(streams[slot]))
    }

    /// Marks each stream's latest transition truncated: its episode does not go on in the
    /// transitions stored after it (a buffer carried into a new run, whose environments start
    /// afresh), so that no n-step return runs from one run's episode into the next's.
    public func endStreams() {
        var open = Set(streams[..<count])
        var transition = added - 1
        while !open.isEmpty, transition >= added - count {
            let slot = transition % capacity
            if open.remove(streams[slot]) != nil { flags[slot] |= 2 }
            transition -= 1
        }
    }

    /// Saves the stored transitions (only the filled slots) under `prefix`.
    public func save(into state: inout StateDictionary, as prefix: String) {
        let stored = count
        state.set("\(prefix).added", number: Double(added))
        state.set("\(prefix).observations", observations.baseAddress!, count: stored * observationSize, shape: [stored, observationSize])
        state.set("\(prefix).next_observations", nextObservations.baseAddress!, count: stored * observationSize,
                  shape: [stored, observationSize])
        state.set("\(prefix).actions", actions.baseAddress!, count: stored * actionSize, shape: [stored, actionSize])
        state.set("\(prefix).rewards", rewards.baseAddress!, count: stored)
        state.set("\(prefix).flags", floats: flags[..<stored].map(Float.init))
        state.set("\(prefix).streams", floats: streams[..<stored].map(Float.init))
    }

    /// Restores transitions saved with `save(into:as:)` into this (empty or not) buffer of the
    /// same shape and capacity.
    public func restore(from state: StateDictionary, as prefix: String) throws(CheckpointError) {
        let saved = try state.int("\(prefix).added")
        let stored = min(saved, capacity)
        if let kept = state.file.tensors["\(prefix).rewards"]?.values.count, kept != stored {
            throw .doesNotFit(reason: "the saved experience buffer keeps \(kept) of the \(saved) transitions it collected, and this run's "
                              + "would keep \(stored); keep its size (buffer_size) as it was")
        }
        try state.load("\(prefix).observations", into: .init(rebasing: observations[..<(stored * observationSize)]))
        try state.load("\(prefix).next_observations", into: .init(rebasing: nextObservations[..<(stored * observationSize)]))
        try state.load("\(prefix).actions", into: .init(rebasing: actions[..<(stored * actionSize)]))
        try state.load("\(prefix).rewards", into: .init(rebasing: rewards[..<stored]))
        for (index, value) in try state.wholeFloats("\(prefix).flags", count: stored, in: 0...3).enumerated() {
            flags[index] = UInt8(value)
        }
        for (index, value) in try state.wholeFloats("\(prefix).streams", count: stored, in: 0...Int(Int32.max)).enumerated() {
            streams[index] = Int32(value)
        }
        added = saved
        streamCount = streams[..<stored].reduce(0) { max($0, Int($1) + 1) }
    }
}
