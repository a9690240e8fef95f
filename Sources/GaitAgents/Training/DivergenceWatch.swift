import Foundation
import GaitCore

/// Watches a run's records for divergence that stays finite (non-finite numbers stop training
/// with an error instead). It warns, once per quantity, when
/// - a loss or gradient norm the agent marks as watched (`MetricSpec.watched`) rises `orders`
///   orders of magnitude above its running level: the median of its last `window` records (so
///   that single spikes of a noisy small-batch loss do not count) against the highest such
///   median before (so that a loss that sinks near zero and comes back does not count either), or
/// - evaluations, or the mean of the latest training episodes, fall below the first ones by
///   more than `fall` times their size: the first evaluation, and the mean of the first
///   `referenceEpisodes` training episodes (compared with the mean of the latest
///   `recentEpisodes`), are the references.
public struct DivergenceWatch: Sendable {
    /// What a warning says: the step, the quantity and the comparison.
    public struct Warning: Sendable, Equatable, CustomStringConvertible {
        public let step: Int
        public let quantity: String
        public let comparison: String

        public var description: String {
            "step \(step): \(quantity) \(comparison); training may be diverging. A lower learning rate, longer rollouts "
                + "or larger batches, or scaled rewards (normalize_rewards=1, where the agent has it) usually help"
        }
    }

    /// How many orders of magnitude above its highest level so far a watched value's median must be.
    public static let orders = 3.0
    /// Recent records of a watched value whose median is compared with its level.
    static let window = 5
    /// Medians of a watched value before its level counts.
    static let warmUp = 5
    /// How many times its own size a return must fall below its reference.
    public static let fall = 10.0
    /// Training episodes in the reference (few, so that a collapse within the first updates is
    /// still seen) and in the running mean compared with it.
    static let referenceEpisodes = 3
    static let recentEpisodes = 10

    private let watched: Set<String>
    private var levels: [String: (recent: [Double], highest: Double?, count: Int)] = [:]
    private var firstEvaluation: (step: Int, mean: Double, spread: Double)?
    private var firstEpisodes: [Double] = []
    private var latestEpisodes: [Double] = []
    private var warned: Set<String> = []

    /// Watches the metrics of `metrics` marked `watched`.
    public init(metrics: [MetricSpec]) {
        watched = Set(metrics.filter(\.watched).map(\.name))
    }

    /// Takes in the next record; returns what it warns of (at most once per quantity in a run).
    public mutating func observe(_ record: TrainingRecord) -> [Warning] {
        var warnings: [Warning] = []
        for (name, value) in zip(record.values.keys, record.values.values) {
            if watched.contains(name), let warning = jump(of: name, to: value, step: record.step) { warnings.append(warning) }
        }
        if let mean = record.values["eval_return"], let warning = evaluation(mean, spread: record.values["eval_std"] ?? 0, step: record.step) {
            warnings.append(warning)
        }
        if let value = record.values["episode_return"], let warning = episode(value, step: record.step) { warnings.append(warning) }
        return warnings.filter { warned.insert($0.quantity).inserted }
    }

    /// A watched value's recent median against the highest of its earlier medians (logarithms
    /// throughout): a loss that sinks near zero for a while and comes back is not a jump.
    private mutating func jump(of name: String, to value: Double, step: Int) -> Warning? {
        guard value > 0, value.isFinite else { return nil }
        var level = levels[name] ?? ([], nil, 0)
        defer { levels[name] = level }
        level.recent.append(log10(value))
        if level.recent.count > Self.window { level.recent.removeFirst() }
        guard level.recent.count == Self.window else { return nil }
        let median = level.recent.sorted()[Self.window / 2]
        defer { (level.highest, level.count) = (max(level.highest ?? median, median), level.count + 1) }
        guard let highest = level.highest, level.count >= Self.warmUp, median - highest >= Self.orders else { return nil }
        return Warning(step: step, quantity: name, comparison: "has a median of \(Self.text(pow(10, median))) over its last "
                       + "\(Self.window) records, \(Self.text(pow(10, median - highest)))× its highest level before "
                       + "(\(Self.text(pow(10, highest))))")
    }

    private mutating func evaluation(_ mean: Double, spread: Double, step: Int) -> Warning? {
        guard let first = firstEvaluation else {
            firstEvaluation = (step, mean, spread)
            return nil
        }
        guard Self.fellFar(mean, below: first.mean, spread: first.spread) else { return nil }
        return Warning(step: step, quantity: "eval_return", comparison: "\(Self.text(mean)) is far below the first evaluation's "
                       + "\(Self.text(first.mean)) (step \(first.step))")
    }

    private mutating func episode(_ value: Double, step: Int) -> Warning? {
        guard firstEpisodes.count == Self.referenceEpisodes else {
            firstEpisodes.append(value)
            return nil
        }
        latestEpisodes.append(value)
        if latestEpisodes.count > Self.recentEpisodes { latestEpisodes.removeFirst() }
        let (reference, latest) = (Self.mean(firstEpisodes), Self.mean(latestEpisodes))
        let spread = Self.mean(firstEpisodes.map { ($0 - reference) * ($0 - reference) }).squareRoot()
        guard latestEpisodes.count == Self.recentEpisodes, Self.fellFar(latest, below: reference, spread: spread) else { return nil }
        return Warning(step: step, quantity: "episode_return", comparison: "averages \(Self.text(latest)) over the last "
                       + "\(Self.recentEpisodes) episodes, far below its \(Self.text(reference)) over the first \(Self.referenceEpisodes)")
    }

    /// Whether `value` lies more than `fall` times the reference's size (its magnitude or
    /// spread, whichever is larger) below it. A reference of size 0 has nothing to compare with.
    private static func fellFar(_ value: Double, below reference: Double, spread: Double) -> Bool {
        let size = max(abs(reference), spread)
        return size > 0 && value < reference - fall * size
    }

    private static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// A number in three significant digits (`2.7e+09`, `-943`, `0.0123`).
    private static func text(_ value: Double) -> String {
        let magnitude = abs(value)
        return magnitude >= 1e5 || (magnitude < 1e-3 && magnitude > 0) ? String(format: "%.2g", value) : String(format: "%.3g", value)
    }
}
