import Foundation

/// Learning curves as a self-contained SVG: evaluation return against environment steps (or,
/// for runs without evaluations, the training episodes' return). Runs of the same environment
/// and agent are one curve: the mean over seeds with a band of ± one standard deviation.
enum LearningCurvePlot {
    /// One curve: a label and, per step, the values of each run that has one.
    struct Curve {
        var label: String
        var points: [(step: Int, values: [Double])]
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// Reads the runs and draws them.
    static func render(runs: [RunDirectory]) throws -> String {
        var groups: [(key: String, series: [[(Int, Double)]])] = []
        var metric = "eval_return"
        let loaded = try runs.map { run in (try RunConfig(contentsOf: run.config), try MetricsFile.read(run.metrics).rows) }
        if !loaded.contains(where: { $0.1.contains { $0.values["eval_return"] != nil } }) { metric = "episode_return" }
        for (config, rows) in loaded {
            let key = "\(config.environment) · \(config.agent)"
            var series = rows.compactMap { row in row.values[metric].map { (row.step, $0) } }
            if metric == "episode_return" { series = smoothed(series) }
            if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].series.append(series)
            } else {
                groups.append((key, [series]))
            }
        }
        let curves = groups.map { group in
            let steps = Set(group.series.flatMap { $0.map(\.0) }).sorted()
            let points = steps.map { step in (step, group.series.compactMap { run in value(of: run, at: step) }) }
            let label = group.series.count > 1 ? "\(group.key) (\(group.series.count) runs)" : group.key
            return Curve(label: label, points: points)
        }
        return svg(curves, yLabel: metric == "eval_return" ? "evaluation return" : "episode return (smoothed)")
    }

    /// A run's value at `step`: exact, or interpolated between its neighbours (nil outside).
    private static func value(of run: [(Int, Double)], at step: Int) -> Double? {
        guard let after = run.firstIndex(where: { $0.0 >= step }) else { return nil }
        if run[after].0 == step { return run[after].1 }
        guard after > 0 else { return nil }
        let (a, b) = (run[after - 1], run[after])
        return a.1 + (b.1 - a.1) * Double(step - a.0) / Double(b.0 - a.0)
    }

    /// A moving average over up to 20 episodes, thinned to at most 200 points.
    private static func smoothed(_ series: [(Int, Double)]) -> [(Int, Double)] {
        guard !series.isEmpty else { return [] }
        var result: [(Int, Double)] = []
        let stride = max(series.count / 200, 1)
        for index in Swift.stride(from: 0, to: series.count, by: stride) {
            let window = series[max(0, index - 19)...index]
            result.append((series[index].0, window.map(\.1).reduce(0, +) / Double(window.count)))
        }
        return result
    }

    /// The SVG text for `curves`.
    static func svg(_ curves: [Curve], yLabel: String) -> String {
        let (width, height) = (720.0, 440.0)
        let (left, right, top, bottom) = (70.0, 20.0, 20.0, 60.0 + 18.0 * Double(curves.count))
        let all = curves.flatMap { $0.points }
        let maxStep = Double(all.map(\.step).max() ?? 1)
        let bands = curves.flatMap { $0.points.map { band($0.values) } }
        var low = bands.map(\.low).min() ?? 0, high = bands.map(\.high).max() ?? 1
        if high - low < 1e-9 { (low, high) = (low - 1, high + 1) }
        let yTicks = ticks(low, high)
        (low, high) = (min(low, yTicks.first ?? low), max(high, yTicks.last ?? high))
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ step: Double) -> Double { left + plotWidth * step / max(maxStep, 1) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        for tick in yTicks {
            out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>\n"
        }
        for tick in ticks(0, maxStep) {
            out += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke=\"#eee\"/>"
            out += "<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
        }
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 36))\" text-anchor=\"middle\">environment steps</text>\n"
        out += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(yLabel)</text>\n"
        for (index, curve) in curves.enumerated() {
            let color = palette[index % palette.count]
            let summary = curve.points.map { (Double($0.step), band($0.values)) }
            if curve.points.contains(where: { $0.values.count > 1 }) {
                let upper = summary.map { "\(f(x($0.0))),\(f(y($0.1.high)))" }
                let lower = summary.reversed().map { "\(f(x($0.0))),\(f(y($0.1.low)))" }
                out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
            }
            let line = summary.map { "\(f(x($0.0))),\(f(y($0.1.mean)))" }.joined(separator: " ")
            out += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            let legendY = top + plotHeight + 54 + 18 * Double(index)
            out += "<rect x=\"\(f(left))\" y=\"\(f(legendY - 9))\" width=\"14\" height=\"10\" fill=\"\(color)\"/>"
            out += "<text x=\"\(f(left + 20))\" y=\"\(f(legendY))\">\(escape(curve.label))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// Mean and mean ± standard deviation of `values`.
    static func band(_ values: [Double]) -> (mean: Double, low: Double, high: Double) {
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count, 1))).squareRoot()
        return (mean, mean - deviation, mean + deviation)
    }

    /// About five round tick values covering [low, high].
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 5
        guard raw > 0 else { return [low] }
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return Array(stride(from: floor(low / step) * step, through: ceil(high / step) * step + step / 2, by: step))
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A tick label: whole thousands as `20k`, other whole numbers as they are, else `%g`.
    private static func label(_ value: Double) -> String {
        guard value == value.rounded(), abs(value) < 1e15 else { return String(format: "%g", value) }
        if abs(value) >= 1000 && value.truncatingRemainder(dividingBy: 1000) == 0 { return "\(Int(value / 1000))k" }
        return "\(Int(value))"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
