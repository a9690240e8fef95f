/// A box-shaped space: every component lies between its lower and upper bound.
public struct Box: Sendable, Hashable, Codable {
    /// Lower bounds, one per component (may be −∞).
    public let low: [Float]
    /// Upper bounds, one per component (may be +∞).
    public let high: [Float]

    /// A box with the given bounds (same length, low ≤ high).
    public init(low: [Float], high: [Float]) {
        precondition(low.count == high.count, "a box needs as many lower as upper bounds")
        self.low = low
        self.high = high
    }

    /// A box of `size` components, each in `range`.
    public init(size: Int, range: ClosedRange<Float>) {
        self.init(low: Array(repeating: range.lowerBound, count: size),
                  high: Array(repeating: range.upperBound, count: size))
    }

    /// The action space of every Gait environment: [−1, 1]ⁿ.
    public static func actions(_ size: Int) -> Box { Box(size: size, range: -1...1) }

    /// An unbounded observation space of `size` components.
    public static func unbounded(_ size: Int) -> Box { Box(size: size, range: -.infinity ... .infinity) }

    /// The number of components.
    public var size: Int { low.count }

    /// True when `values` has the right size and every component is within bounds (NaN is not).
    public func contains(_ values: [Float]) -> Bool {
        values.count == size && values.indices.allSatisfy { low[$0] <= values[$0] && values[$0] <= high[$0] }
    }
}
