import GaitCore
import GaitNN

/// Each environment copy's running episode, its return and length so far, and the record of an
/// episode that ends: kept by the trainer for its copies and by A3C's workers for theirs (each
/// worker touches only its own copy's entries, so workers may add at the same time).
final class EpisodeTally: @unchecked Sendable {
    private let returns: UnsafeMutableBufferPointer<Double>
    private let lengths: UnsafeMutableBufferPointer<Int>

    /// No episode under way on any of `copies` copies.
    init(copies: Int) {
        returns = .allocate(capacity: copies)
        returns.initialize(repeating: 0)
        lengths = .allocate(capacity: copies)
        lengths.initialize(repeating: 0)
    }

    deinit {
        returns.deallocate()
        lengths.deallocate()
    }

    /// Adds one step of `copy` with `reward`; when the episode is `done`, returns its record at
    /// run step `step` and starts the next episode.
    func add(_ reward: Double, copy: Int, done: Bool, step: Int, wallTime: () -> Double) -> TrainingRecord? {
        returns[copy] += reward
        lengths[copy] += 1
        guard done else { return nil }
        defer { (returns[copy], lengths[copy]) = (0, 0) }
        return TrainingRecord(step: step, wallTime: wallTime(), values: Info([
            "episode_return": returns[copy], "episode_length": Double(lengths[copy]),
        ]))
    }

    /// Saves the running episodes under `trainer.episode_returns` and `trainer.episode_lengths`.
    func save(into state: inout StateDictionary) {
        state.set("trainer.episode_returns", numbers: Array(returns))
        state.set("trainer.episode_lengths", numbers: lengths.map(Double.init))
    }

    /// Continues the running episodes `save(into:)` saved.
    func restore(from state: StateDictionary) throws(CheckpointError) {
        let savedReturns = try state.numbers("trainer.episode_returns", count: returns.count)
        let savedLengths = try state.counts("trainer.episode_lengths", count: lengths.count)
        for copy in returns.indices { (returns[copy], lengths[copy]) = (savedReturns[copy], savedLengths[copy]) }
    }
}
