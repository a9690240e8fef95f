/// What a learning-curve plot shows: which metrics.csv column, how smoothed, against what.
package struct PlotOptions {
    /// The horizontal axis.
    package enum XAxis: String, CaseIterable {
        case steps, time
    }

    /// The column to draw (nil: eval_return, or episode_return for runs without evaluations).
    var metric: String?
    /// Average each point with the smooth − 1 before it (nil: 1 for evaluations, 20 otherwise).
    var smooth: Int?
    var x: XAxis = .steps

    package init(metric: String? = nil, smooth: Int? = nil, x: XAxis = .steps) {
        (self.metric, self.smooth, self.x) = (metric, smooth, x)
    }
}
