import Foundation

/// Learning curves as a self-contained SVG: a metrics.csv column (evaluation return by default)
/// against environment steps or training time, one panel per environment. Runs of the same
/// environment and agent are one curve: the mean over seeds with a band of ± one standard
/// deviation; each agent has its own colour whatever the order of the runs. The vertical axis
/// is honest: it never blows a change of a few per cent of the values' size up to the panel's
/// height, it reaches zero when zero is near, and a panel says when its curves have too few
/// points to show a trend.
package enum LearningCurvePlot {
    /// One curve: an agent, its label and, per x, the values of each run that has one.
    struct Curve {
        var agent: String
        var label: String
        var points: [(x: Double, values: [Double])]
    }

    /// The runs drawn as one curve: those of one environment and agent.
    struct Group: Hashable, Comparable {
        var environment: String
        var agent: String

        static func < (a: Group, b: Group) -> Bool { (a.environment, a.agent) < (b.environment, b.agent) }
    }

    /// One panel: an environment's curves.
    struct Panel {
        var environment: String
        var curves: [Curve]
    }

    /// The built-in agents' colours; other agents get the rest.
    static let agentColours = ["sac": "#1f77b4", "td3": "#d62728", "ddpg": "#2ca02c", "ppo": "#ff7f0e", "a2c": "#9467bd",
                               "a3c": "#bcbd22", "reinforce": "#8c564b"]
    static let otherColours = ["#e377c2", "#17becf", "#7f7f7f", "#aec7e8"]
    /// Fewer points than this and a panel says its curves show no trend.
    static let fewestPoints = 3
    static let (width, panelHeight) = (720.0, 330.0)
    /// Values beyond ± this are drawn at it, so that a diverged run's ±1e308 or infinity cannot
    /// overflow the sums, bands and axes; NaN values are left out.
    static let plottable = 1e150

    /// Reads the runs and draws `options.metric` of each.
    package static func render(runs: [RunDirectory], options: PlotOptions = PlotOptions()) throws -> String {
        let loaded = try runs.map { run in (config: try RunConfig(contentsOf: run.config), rows: try MetricsFile.read(run.metrics).rows) }
        let metric = options.metric ?? (loaded.contains { $0.rows.contains { $0.values["eval_return"] != nil } } ? "eval_return" : "episode_return")
        // A column asked for by name must exist; the default one may still be empty (a run too
        // short to finish an episode), and is drawn as an empty panel that says so.
        guard options.metric == nil || loaded.contains(where: { $0.rows.contains { $0.values[metric] != nil } }) else {
            let columns = Set(loaded.flatMap { $0.rows.flatMap(\.values.keys) }).subtracting(["step", "wall_time"]).sorted()
            throw CLIError.invalidValue(name: "--metric", value: metric, reason: "no run has values in that column; "
                                        + "columns with values: \(columns.joined(separator: ", "))")
        }
        let window = options.smooth ?? (metric == "eval_return" ? 1 : 20)
        var panels: [Panel] = []
        var groups: [Group: [[(Double, Double)]]] = [:]
        for (config, rows) in loaded {
            let series = rows.compactMap { row -> (Double, Double)? in
                let x = options.x == .steps ? Double(row.step) : row.values["wall_time"] ?? 0
                guard let value = row.values[metric], !value.isNaN, x.isFinite else { return nil }
                return (x, min(max(value, -plottable), plottable))
            }
            groups[Group(environment: config.environment, agent: config.agent), default: []].append(smoothed(series, window: window))
            if !panels.contains(where: { $0.environment == config.environment }) { panels.append(Panel(environment: config.environment, curves: [])) }
        }
        for (group, series) in groups.sorted(by: { $0.key < $1.key }) {
            let xs = Set(series.flatMap { $0.map(\.0) }).sorted()
            let points = xs.map { x in (x, series.compactMap { value(of: $0, at: x) }) }
            let name = "\(group.environment) · \(group.agent)"
            let label = series.count > 1 ? "\(name) (\(series.count) runs)" : name
            let index = panels.firstIndex { $0.environment == group.environment }!
            panels[index].curves.append(Curve(agent: group.agent, label: label, points: points))
        }
        let yLabel = metric + (window > 1 ? " (mean of \(window))" : "")
        return svg(panels, yLabel: yLabel, xLabel: options.x == .steps ? "environment steps" : "training time (s)")
    }

    /// A run's value at `x`: exact, or interpolated between its neighbours (nil outside).
    private static func value(of run: [(Double, Double)], at x: Double) -> Double? {
        guard let after = run.firstIndex(where: { $0.0 >= x }) else { return nil }
        if run[after].0 == x { return run[after].1 }
        guard after > 0 else { return nil }
        let (a, b) = (run[after - 1], run[after])
        return a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
    }

    /// A moving average over `window` points, thinned to at most 300 points.
    static func smoothed(_ series: [(Double, Double)], window: Int) -> [(Double, Double)] {
        var result: [(Double, Double)] = []
        var sum = 0.0
        let stride = max(series.count / 300, 1)
        for (index, point) in series.enumerated() {
            sum += point.1
            if index >= window { sum -= series[index - window].1 }
            if index % stride == 0 || index == series.count - 1 { result.append((point.0, sum / Double(min(index + 1, window)))) }
        }
        return result
    }

    /// The vertical range for values in [low, high]: at least 10 % of their size tall (so that
    /// a change of a few per cent stays small), and reaching zero when zero is nearer than the
    /// range is tall.
    static func honestRange(_ low: Double, _ high: Double) -> (low: Double, high: Double) {
        var (low, high) = (low, high)
        let size = max(abs(low), abs(high), 1e-9)
        if high - low < 0.1 * size {
            let middle = (low + high) / 2
            (low, high) = (middle - 0.05 * size, middle + 0.05 * size)
        }
        if low > 0 && low < high - low { low = 0 }
        if high < 0 && -high < high - low { high = 0 }
        return (low, high)
    }

    /// The SVG text: the panels stacked, each with its axes and legend.
    static func svg(_ panels: [Panel], yLabel: String, xLabel: String) -> String {
        let heights = panels.map { panelHeight + 18 * Double($0.curves.count) }
        let total = heights.reduce(0, +)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(total))" viewBox="0 0 \(Int(width)) \(Int(total))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        var top = 0.0
        for (panel, height) in zip(panels, heights) {
            out += draw(panel, top: top, yLabel: yLabel, xLabel: xLabel)
            top += height
        }
        return out + "</svg>\n"
    }

    /// One panel's SVG elements, starting `top` pixels down.
    private static func draw(_ panel: Panel, top panelTop: Double, yLabel: String, xLabel: String) -> String {
        let (left, right, top) = (70.0, 20.0, panelTop + 34)
        let plotWidth = width - left - right, plotHeight = panelHeight - 34 - 70
        let all = panel.curves.flatMap { $0.points }
        let maxX = all.map(\.x).max() ?? 1
        let bands = all.map { band($0.values) }
        var (low, high) = honestRange(bands.map(\.low).min() ?? 0, bands.map(\.high).max() ?? 1)
        let yTicks = ticks(low, high)
        (low, high) = (min(low, yTicks.first ?? low), max(high, yTicks.last ?? high))
        func x(_ value: Double) -> Double { left + plotWidth * value / max(maxX, 1e-9) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        var out = "<text x=\"\(f(left))\" y=\"\(f(panelTop + 20))\" font-size=\"14\" font-weight=\"bold\">\(escape(panel.environment))</text>\n"
        for tick in yTicks {
            out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"\(tick == 0 ? "#999" : "#ddd")\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>\n"
        }
        for tick in ticks(0, maxX) {
            out += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke=\"#eee\"/>"
            out += "<text x=\"\(f(x(tick)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
        }
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 36))\" text-anchor=\"middle\">\(xLabel)</text>\n"
        out += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        let fewest = panel.curves.map(\.points.count).min() ?? 0
        if fewest < fewestPoints {
            out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + 18))\" text-anchor=\"middle\" fill=\"#a33\">"
                + "only \(fewest) point\(fewest == 1 ? "" : "s"): too few to show a trend</text>\n"
        }
        var others = 0
        for (index, curve) in panel.curves.enumerated() {
            let colour = agentColours[curve.agent] ?? { defer { others += 1 }; return otherColours[others % otherColours.count] }()
            let summary = curve.points.map { ($0.x, band($0.values)) }
            if curve.points.contains(where: { $0.values.count > 1 }) {
                let upper = summary.map { "\(f(x($0.0))),\(f(y($0.1.high)))" }
                let lower = summary.reversed().map { "\(f(x($0.0))),\(f(y($0.1.low)))" }
                out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
            }
            let line = summary.map { "\(f(x($0.0))),\(f(y($0.1.mean)))" }.joined(separator: " ")
            out += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            for point in summary where curve.points.count < fewestPoints {
                out += "<circle cx=\"\(f(x(point.0)))\" cy=\"\(f(y(point.1.mean)))\" r=\"3\" fill=\"\(colour)\"/>\n"
            }
            let legendY = top + plotHeight + 54 + 18 * Double(index)
            out += "<rect x=\"\(f(left))\" y=\"\(f(legendY - 9))\" width=\"14\" height=\"10\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(f(left + 20))\" y=\"\(f(legendY))\">\(escape(curve.label))</text>\n"
        }
        return out
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
        guard raw > 0, raw.isFinite else { return [low] }
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
