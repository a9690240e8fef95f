import Foundation
import GaitCore
import GaitAgents

/// A run's `metrics.csv`: a header, then one row per training record (a finished episode, an
/// evaluation, or a log interval with the agent's losses and the throughput). Cells a record
/// does not have are empty. Rows are appended as training goes.
package final class MetricsFile {
    /// Columns every run has, before the agent's own.
    static let standardColumns = ["step", "wall_time", "episode_return", "episode_length", "eval_return", "eval_std",
                                  "steps_per_second"]
    let columns: [String]
    /// The rows kept from an interrupted run (empty for a new file).
    let keptRows: [Row]
    let log: LogFile

    /// Opens `url` for appending; a new file gets the header. When resuming after `step`, rows
    /// recorded after it (by the interrupted run) are dropped first, and the kept rows are
    /// written again under today's columns (an agent may report more values than it did when
    /// the run started).
    init(url: URL, agentColumns: [String], keepingRowsThrough step: Int? = nil) throws {
        let columns = Self.standardColumns + agentColumns
        self.columns = columns
        let header = columns.joined(separator: ",") + "\n"
        let keptRows = try step.map { step in try Self.read(url).rows.filter { $0.step <= step } } ?? []
        self.keptRows = keptRows
        let kept = keptRows.map { Self.line(columns: columns, record: $0.record) }
        log = try LogFile(url: url, contents: Data((header + kept.joined()).utf8))
    }

    /// Appends one record as a row (see `LogFile.append`).
    func append(_ record: TrainingRecord) throws {
        try log.append(Data(Self.line(columns: columns, record: record).utf8))
    }

    /// A record's row, ending in a newline: each column's cell, empty where the record has no value.
    private static func line(columns: [String], record: TrainingRecord) -> String {
        var cells = Dictionary(zip(record.values.keys, record.values.values.map { "\($0)" })) { first, _ in first }
        cells["step"] = "\(record.step)"
        cells["wall_time"] = String(format: "%.3f", record.wallTime)
        return columns.map { cells[$0] ?? "" }.joined(separator: ",") + "\n"
    }

    /// One row as read back.
    struct Row {
        var step: Int
        var line: String
        var values: [String: Double]

        /// The row as the record it was written from: its values but the step and the wall time,
        /// in name order.
        var record: TrainingRecord {
            var recorded = Info()
            for (name, value) in values.sorted(by: { $0.key < $1.key }) where name != "step" && name != "wall_time" {
                recorded[name] = value
            }
            return TrainingRecord(step: step, wallTime: values["wall_time"] ?? 0, values: recorded)
        }
    }

    /// Reads a metrics file: its columns and rows. A malformed last line (cut short by a crash)
    /// is skipped; a malformed line before it means the file was damaged or edited.
    static func read(_ url: URL) throws -> (columns: [String], rows: [Row]) {
        let text: String
        do {
            text = try InputFile.text(url, limit: 1 << 30)
        } catch {
            throw CLIError.io(path: url.path, reason: "cannot read the metrics file: \(error)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.lastIndex { !$0.isEmpty }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              header.first == "step" else {
            throw CLIError.badFile(path: url.path, reason: "not a Gait metrics file (no 'step' header)")
        }
        var rows: [Row] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            var values: [String: Double] = [:], numeric = true
            for (name, cell) in zip(header, cells) where !cell.isEmpty {
                guard let value = Double(cell) else { numeric = false; break }
                values[name] = value
            }
            guard numeric, cells.count == header.count, let step = Int(cells[0]), step >= 0 else {
                if index == last { break }
                throw CLIError.badFile(path: url.path, reason: "line \(index + 1) is not a row of \(header.count) cells (a step, then numbers "
                                       + "or nothing); the file was damaged or edited")
            }
            rows.append(Row(step: step, line: line, values: values))
        }
        return (header, rows)
    }
}
