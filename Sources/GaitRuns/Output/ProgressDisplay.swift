import Foundation
import GaitAgents
import GaitCore

/// Shows how training goes. On a terminal: a live bar with the percentage, steps, a smoothed
/// rate, elapsed and remaining time, the mean return of the last 100 training episodes
/// (Stable-Baselines3's `ep_rew_mean`) and the latest evaluation, fitted to the terminal's width
/// (read again at every redraw, so a resized terminal gets a fitting bar) and ending at 100 %.
/// Otherwise the same numbers as one `key=value` line every `lineInterval` steps. A warning
/// (see `DivergenceWatch`) is printed as its own line and named in the bar or lines after it.
/// On a terminal the bar also says what training does when it does not step: `evaluating…`,
/// and `updating…` once no step has come for a second (a long update).
///
/// The rate is the steps of the last `window` seconds over their time (of all the time so far
/// at the start), so it is right from the first redraw and follows changes such as the end of
/// `learning_starts` within the window.
package final class ProgressDisplay: @unchecked Sendable {
    /// How far back the rate looks.
    static let window = 20.0
    /// Episodes in the mean return.
    static let episodes = 100

    private let totalSteps: Int
    private let interactive: Bool
    private let lineInterval: Int
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?
    private var lastLineStep: Int
    /// (seconds since start, step) samples, at most four a second, of the last `window`
    /// seconds, oldest first.
    private var samples: [(time: Double, step: Int)]
    /// The latest step and when it was reached.
    private var latest: (time: Double, step: Int)
    private var returns: [Double] = []
    /// The latest evaluation's mean return and the step it was made at (a log line printed at a
    /// checkpoint's step comes before that step's evaluation, so it names the step it shows).
    private var latestEvaluation: (step: Int, value: Double)?
    /// The quantities warned about so far.
    private var warnings: [String] = []
    /// What training is doing when it is not stepping, shown in the bar: until changed
    /// (`status`), until the next step (`momentary`), or `updating…` while no step comes.
    private var status: String?
    private var momentary: String?
    private var stalled = false
    /// When a step last came; with everything the bar shows, guarded by `lock` on a terminal,
    /// where a watchdog thread redraws the bar when steps stop coming.
    private var lastStep: ContinuousClock.Instant
    private let lock = NSLock()
    private var finished = false
    private var step: Int { latest.step }

    init(totalSteps: Int, startStep: Int, interactive: Bool = Console.isTerminal, lineInterval: Int,
         start: ContinuousClock.Instant = .now) {
        self.totalSteps = totalSteps
        self.interactive = interactive
        self.lineInterval = max(lineInterval, 1)
        self.start = start
        lastLineStep = startStep
        samples = [(0, startStep)]
        latest = (0, startStep)
        lastStep = start
        if interactive { startWatchdog() }
    }

    /// Redraws the bar with `updating…` while no step has come for a second, until `finish`.
    private func startWatchdog() {
        let thread = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                guard let self else { return }
                self.lock.lock()
                defer { self.lock.unlock() }
                if self.finished { return }
                let now = ContinuousClock.now
                if now - self.lastStep > .seconds(1) {
                    self.stalled = true
                    self.draw(now: now)
                }
            }
        }
        thread.name = "gait-progress"
        thread.start()
    }

    /// Takes in a training record; prints a log line when one is due.
    func record(_ record: TrainingRecord, now: ContinuousClock.Instant = .now) {
        lock.lock()
        defer { lock.unlock() }
        recall(record)
        advance(to: record.step, now: now)
        guard !interactive, record.step / lineInterval > lastLineStep / lineInterval else { return }
        lastLineStep = record.step
        print(logLine(now: now))
        fflush(nil)
    }

    /// Takes in a record of the run before a resume: its returns and evaluation count, nothing
    /// is printed.
    func recall(_ record: TrainingRecord) {
        if let value = record.values["episode_return"] {
            returns.append(value)
            if returns.count > Self.episodes { returns.removeFirst(returns.count - Self.episodes) }
        }
        if let value = record.values["eval_return"] { latestEvaluation = (record.step, value) }
    }

    /// Shows what training does while it does not step (`evaluating…`), on the bar, or as a
    /// line otherwise; nil clears it.
    func show(status: String?, now: ContinuousClock.Instant = .now) {
        lock.lock()
        defer { lock.unlock() }
        self.status = status
        if interactive {
            draw(now: now)
        } else if let status {
            print(status)
            fflush(nil)
        }
    }

    /// Shows `status` on a terminal's bar until the next step (`evaluating…` during training).
    func showUntilNextStep(_ status: String, now: ContinuousClock.Instant = .now) {
        lock.lock()
        defer { lock.unlock() }
        guard interactive else { return }
        momentary = status
        draw(now: now)
    }

    /// Prints `warning` on its own line (above the bar on a terminal) and names its quantity in
    /// the bar or log lines from now on.
    func warn(_ warning: DivergenceWatch.Warning, now: ContinuousClock.Instant = .now) {
        lock.lock()
        defer { lock.unlock() }
        warnings.append(warning.quantity)
        if interactive { print("\r\u{1B}[K", terminator: "") }
        fflush(nil)
        Console.warning(warning.description)
        if interactive { draw(now: now) }
    }

    /// Called often during training; redraws the bar a few times a second on a terminal.
    func tick(step: Int, now: ContinuousClock.Instant = .now) {
        lock.lock()
        defer { lock.unlock() }
        lastStep = now
        (momentary, stalled) = (nil, false)
        advance(to: step, now: now)
        guard interactive, lastDraw.map({ now - $0 > .milliseconds(200) }) ?? true else { return }
        lastDraw = now
        draw(now: now)
    }

    /// Ends the bar on a terminal, drawn one last time (at 100 % when training is done).
    func finish(now: ContinuousClock.Instant = .now) {
        lock.lock()
        defer { lock.unlock() }
        guard interactive, !finished else { return }
        finished = true
        (status, momentary, stalled) = (nil, nil, false)
        draw(now: now)
        print("")
    }

    private func draw(now: ContinuousClock.Instant) {
        print("\r" + bar(now: now, width: Console.width) + "\u{1B}[K", terminator: "")
        fflush(nil)
    }

    /// Notes that `step` was reached at `now`, keeping samples of the last window.
    private func advance(to step: Int, now: ContinuousClock.Instant) {
        latest = ((now - start).inSeconds, step)
        guard latest.time - samples[samples.count - 1].time >= 0.25 else { return }
        samples.append(latest)
        if let cut = samples.firstIndex(where: { $0.time >= latest.time - Self.window }), cut > 1 { samples.removeFirst(cut - 1) }
    }

    /// Steps per second over the window (nil before any time has passed).
    var rate: Double? {
        let first = samples[0]
        guard latest.time - first.time > 0.05 else { return nil }
        return Double(latest.step - first.step) / (latest.time - first.time)
    }

    /// The mean return of the last 100 training episodes.
    var meanReturn: Double? { returns.isEmpty ? nil : returns.reduce(0, +) / Double(returns.count) }

    /// Seconds left at the current rate.
    private var remaining: Double? {
        guard let rate, rate > 0 else { return nil }
        return Double(max(totalSteps - step, 0)) / rate
    }

    /// The live bar, at most `width` columns: the bar shrinks first, then fields go, least
    /// useful first (the rate, the times, ep_rew_mean, the warning), then the bar itself; the
    /// steps, the status and the latest evaluation stay.
    func bar(now: ContinuousClock.Instant, width: Int) -> String {
        let percent = totalSteps > 0 ? min(100 * step / totalSteps, 100) : 100
        let head = String(format: "%3d%% ", percent)
        // Each field with the order in which it goes when room runs out (nil: it stays).
        var fields: [(text: String, drop: Int?)] = [("\(step)/\(totalSteps)", nil)]
        fields.append((rate.map { String(format: "%.0f steps/s", $0) } ?? "– steps/s", 0))
        fields.append((Self.clock((now - start).inSeconds) + "<" + (remaining.map(Self.clock) ?? "?"), 1))
        if let label = status ?? momentary ?? (stalled ? "updating…" : nil) { fields.append((label, nil)) }
        if !warnings.isEmpty { fields.append(("diverging? " + warnings.joined(separator: ","), 3)) }
        if let meanReturn { fields.append((String(format: "ep_rew_mean %.1f", meanReturn), 2)) }
        if let latestEvaluation { fields.append((String(format: "eval %.1f", latestEvaluation.value), nil)) }
        while true {
            let tail = " " + fields.map(\.text).joined(separator: "  ")
            let room = width - head.count - tail.count - 2
            let next = fields.indices.filter { fields[$0].drop != nil }.min { fields[$0].drop! < fields[$1].drop! }
            if room >= 10 || next == nil {
                let cells = room >= 10 ? min(room, 30) : 0
                let filled = totalSteps > 0 ? min(cells * step / totalSteps, cells) : cells
                let line = head + (cells > 0 ? "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled) + "]" : "") + tail
                return String(line.prefix(max(width, 1)))
            }
            fields.remove(at: next!)
        }
    }

    /// The log line for a non-terminal.
    func logLine(now: ContinuousClock.Instant) -> String {
        var fields = ["step=\(step)/\(totalSteps)"]
        if let rate { fields.append(String(format: "steps_per_second=%.0f", rate)) }
        if let meanReturn { fields.append(String(format: "ep_rew_mean=%.2f", meanReturn)) }
        if let latestEvaluation { fields.append(String(format: "eval_return=%.2f eval_step=%d", latestEvaluation.value, latestEvaluation.step)) }
        if !warnings.isEmpty { fields.append("warning=" + warnings.joined(separator: ",")) }
        fields.append("elapsed=\(Self.clock((now - start).inSeconds))")
        if let remaining { fields.append("left=\(Self.clock(remaining))") }
        return fields.joined(separator: " ")
    }

    /// Seconds as h:mm:ss or m:ss.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
