import Foundation
import GaitAgents
import GaitCore

/// A run's TensorBoard log: one event file in the run's folder (so that `tensorboard --logdir
/// runs/` names each run by its folder) with a scalar per metric, steps the environment steps,
/// appended as training goes. Tags are grouped as Stable-Baselines3 groups them (see `tag(for:)`),
/// with `rollout/ep_rew_mean`, the mean return of the last 100 episodes, beside each episode's.
/// When a run resumes, the file is written again from the rows metrics.csv kept, so that
/// TensorBoard shows exactly what metrics.csv holds.
///
/// The format is TensorFlow's record framing (length, masked CRC-32C, data, masked CRC-32C) around
/// `Event` protocol buffers (`wall_time` 1, `step` 2, `file_version` 3, `summary` 5; a summary's
/// `value` 1 with `tag` 1 and `simple_value` 2), written by hand: five fields do not call for a
/// protocol-buffer compiler.
package final class TensorBoardFile {
    /// The Unix time of training's start, so that an event's wall time is origin + record time.
    private let origin: Double
    let log: LogFile
    /// The returns of the last `episodes` training episodes.
    private var returns: [Double]
    static let episodes = 100

    /// Starts the log in `folder` with the records of `rows` (metrics.csv's rows when resuming),
    /// replacing any earlier event file there or in its `tensorboard/` sub-folder (where runs
    /// started before tags were grouped kept theirs; removed once empty).
    init(folder: URL, origin: Double, rows: [MetricsFile.Row] = []) throws {
        self.origin = origin
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError.io(path: folder.path, reason: "cannot create the TensorBoard folder (\(RunDirectory.reason(error)))")
        }
        let legacy = folder.appendingPathComponent("tensorboard")
        for place in [folder, legacy] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: place.path)) ?? []
            for name in names where name.hasPrefix("events.out.tfevents.") { try? FileManager.default.removeItem(at: place.appendingPathComponent(name)) }
        }
        if (try? FileManager.default.contentsOfDirectory(atPath: legacy.path))?.isEmpty == true { try? FileManager.default.removeItem(at: legacy) }
        let url = folder.appendingPathComponent(String(format: "events.out.tfevents.%010d.gait", Int(origin)))
        var data = Self.record(Self.event(wallTime: origin, step: 0, fileVersion: "brain.Event:2"))
        var returns: [Double] = []
        for row in rows { data += Self.events(of: row.record, origin: origin, returns: &returns) }
        self.returns = returns
        log = try LogFile(url: url, contents: Data(data))
    }

    /// Appends every value of `record` as a scalar (see `LogFile.append`).
    func append(_ record: TrainingRecord) throws {
        try log.append(Data(Self.events(of: record, origin: origin, returns: &returns)))
    }

    /// The TensorBoard tag of a metrics.csv column, grouped as Stable-Baselines3 groups its own:
    /// `rollout/` training episodes, `eval/` evaluations, `time/` throughput, `train/` the
    /// agent's update.
    static func tag(for column: String) -> String {
        switch column {
        case "episode_return", "episode_length": "rollout/\(column)"
        case "eval_return": "eval/mean_return"
        case "eval_std": "eval/std_return"
        case "steps_per_second": "time/steps_per_second"
        default: "train/\(column)"
        }
    }

    /// The events of a record's values, timed `origin` + its wall time, with the mean of the last
    /// `returns` (updated) after an episode's return.
    private static func events(of training: TrainingRecord, origin: Double, returns: inout [Double]) -> [UInt8] {
        let wallTime = origin + training.wallTime, step = training.step
        var data: [UInt8] = []
        for (column, value) in zip(training.values.keys, training.values.values) {
            data += record(event(wallTime: wallTime, step: step, tag: tag(for: column), value: value))
            guard column == "episode_return" else { continue }
            returns.append(value)
            if returns.count > episodes { returns.removeFirst() }
            data += record(event(wallTime: wallTime, step: step, tag: "rollout/ep_rew_mean",
                                           value: returns.reduce(0, +) / Double(returns.count)))
        }
        return data
    }

    /// One record: length, its masked CRC, the data, its masked CRC (all little-endian).
    static func record(_ data: [UInt8]) -> [UInt8] {
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian, Array.init)
        return length + bytes(CRC32C.masked(length)) + data + bytes(CRC32C.masked(data))
    }

    /// An `Event` with a file version or a single scalar.
    static func event(wallTime: Double, step: Int, fileVersion: String? = nil, tag: String? = nil, value: Double = 0) -> [UInt8] {
        var event: [UInt8] = [0x09] + withUnsafeBytes(of: wallTime.bitPattern.littleEndian, Array.init)  // 1: double
        event += [0x10] + varint(UInt64(max(step, 0)))  // 2: int64
        if let fileVersion { event += [0x1A] + varint(UInt64(fileVersion.utf8.count)) + Array(fileVersion.utf8) }  // 3: string
        if let tag {
            let scalar: [UInt8] = [0x0A] + varint(UInt64(tag.utf8.count)) + Array(tag.utf8)  // Value.tag
                + [0x15] + bytes(Float(value).bitPattern)  // Value.simple_value: float
            let summary: [UInt8] = [0x0A] + varint(UInt64(scalar.count)) + scalar  // Summary.value
            event += [0x2A] + varint(UInt64(summary.count)) + summary  // 5: summary
        }
        return event
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var value = value, result: [UInt8] = []
        repeat {
            result.append(UInt8(value & 0x7F) | (value > 0x7F ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return result
    }

    private static func bytes(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
}
