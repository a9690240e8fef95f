/// One value an agent's updates report (a metrics.csv column), as the agent documents it.
public struct MetricSpec: Sendable, Hashable {
    public let name: String
    public let meaning: String

    init(_ name: String, _ meaning: String) {
        (self.name, self.meaning) = (name, meaning)
    }
}
