import Foundation
import GaitCore
import GaitAgents

/// Shows how training goes: on a terminal a live progress bar (steps, steps/s, time left,
/// latest returns), otherwise one `key=value` log line every `lineInterval` steps.
final class ProgressDisplay {
    private let totalSteps: Int
    private let startStep: Int
    private let interactive: Bool
    private let lineInterval: Int
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var latestReturn: Double?
    private var latestEvaluation: Double?
    private var stepsPerSecond: Double?
    private var lastLineStep: Int

    init(totalSteps: Int, startStep: Int, interactive: Bool = Console.isTerminal, lineInterval: Int) {
        self.totalSteps = totalSteps
        self.startStep = startStep
        self.interactive = interactive
        self.lineInterval = max(lineInterval, 1)
        lastLineStep = startStep
    }

    /// Takes in a training record; prints a log line when one is due.
    func record(_ record: TrainingRecord) {
        if let value = record.values["episode_return"] { latestReturn = value }
        if let value = record.values["eval_return"] { latestEvaluation = value }
        if let value = record.values["steps_per_second"] { stepsPerSecond = value }
        guard !interactive, record.values["steps_per_second"] != nil, record.step / lineInterval > lastLineStep / lineInterval else {
            return
        }
        lastLineStep = record.step
        var fields = ["step=\(record.step)/\(totalSteps)"]
        if let stepsPerSecond { fields.append(String(format: "steps_per_second=%.0f", stepsPerSecond)) }
        if let latestReturn { fields.append(String(format: "episode_return=%.2f", latestReturn)) }
        if let latestEvaluation { fields.append(String(format: "eval_return=%.2f", latestEvaluation)) }
        fields.append("elapsed=\(Self.clock(elapsed))")
        if let left = timeLeft(at: record.step) { fields.append("left=\(Self.clock(left))") }
        print(fields.joined(separator: " "))
        fflush(nil)
    }

    /// Called often during training; redraws the bar a few times a second on a terminal.
    func tick(step: Int) {
        guard interactive, ContinuousClock.now - lastDraw > .milliseconds(200) else { return }
        lastDraw = .now
        let width = 24
        let filled = min(width, width * step / max(totalSteps, 1))
        var line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
        line += "\(step)/\(totalSteps)"
        line += String(format: "  %.0f steps/s", stepsPerSecond ?? Double(step - startStep) / max(elapsed, 1e-9))
        if let left = timeLeft(at: step) { line += "  left \(Self.clock(left))" }
        if let latestReturn { line += String(format: "  return %.1f", latestReturn) }
        if let latestEvaluation { line += String(format: "  eval %.1f", latestEvaluation) }
        print("\r" + line + "\u{1B}[K", terminator: "")
        fflush(nil)
    }

    /// Ends the bar's line on a terminal.
    func finish() {
        guard interactive else { return }
        print("")
    }

    private var elapsed: Double { (ContinuousClock.now - start).inSeconds }

    /// The time left at the latest measured rate (the average so far before the first).
    private func timeLeft(at step: Int) -> Double? {
        let done = step - startStep
        guard done > 0, elapsed > 1 else { return nil }
        return Double(totalSteps - step) / (stepsPerSecond ?? Double(done) / elapsed)
    }

    /// Seconds as h:mm:ss or m:ss.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
