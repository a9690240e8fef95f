import GaitCore

/// The trainer's periodic log record, every `interval` environment steps: what the agent
/// measured since the last one and the throughput (`steps_per_second`) since then. Kept alike for
/// the trainer's steps and A3C's rollouts.
struct ThroughputLog {
    let interval: Int
    private var last: (step: Int, time: Double)

    /// A log whose throughput counts from `step` at `time` (seconds of training).
    init(interval: Int, step: Int, time: Double) {
        self.interval = interval
        last = (step, time)
    }

    /// The record at `step` when the steps since `previous` crossed a multiple of the interval:
    /// `values` and the throughput since the last record, at `time`; nil otherwise. The clock is
    /// read and the values gathered only for a record that is due (not on every step).
    mutating func record(at step: Int, after previous: Int, time: @autoclosure () -> Double,
                         values: @autoclosure () -> Info) -> TrainingRecord? {
        guard step / interval > previous / interval else { return nil }
        let time = time()
        var values = values()
        values["steps_per_second"] = Double(step - last.step) / max(time - last.time, 1e-9)
        last = (step, time)
        return TrainingRecord(step: step, wallTime: time, values: values)
    }
}
