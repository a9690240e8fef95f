extension Model {
    /// Two bodies, the lower index first.
    public struct BodyPair: Sendable, Hashable {
        /// The lower body index.
        public let first: Int
        /// The higher body index.
        public let second: Int

        /// The pair of `a` and `b`, in either order.
        public init(_ a: Int, _ b: Int) {
            first = min(a, b)
            second = max(a, b)
        }
    }
}
