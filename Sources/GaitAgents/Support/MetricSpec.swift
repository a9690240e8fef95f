/// One value an agent's updates report (a metrics.csv column), as the agent documents it.
public struct MetricSpec: Sendable, Hashable {
    public let name: String
    public let meaning: String
    /// Whether a jump of orders of magnitude in this value signals divergence (a loss or a
    /// gradient norm; see `DivergenceWatch`).
    public let watched: Bool

    public init(_ name: String, _ meaning: String, watched: Bool = false) {
        (self.name, self.meaning, self.watched) = (name, meaning, watched)
    }
}
