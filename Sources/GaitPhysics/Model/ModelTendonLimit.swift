extension Model {
    /// A limited spatial tendon of two sites (MuJoCo's `<spatial limited="true">` running straight
    /// from one site to the other, as dm_control's ball-in-cup string): the sites' distance is
    /// held within `range` by one soft unilateral row between their bodies along the line
    /// through them, MuJoCo's limit constraint on the tendon's length.
    public struct TendonLimit: Sendable, Hashable {
        /// The tendon's name.
        public var name: String
        /// The two sites it runs between.
        public var sites: [Int]
        /// The lengths it keeps within.
        public var range: ClosedRange<Double>
        /// How far inside the range the limit starts to act (`margin`).
        public var margin: Double
        /// The limit's softness (`solreflimit`, `solimplimit`).
        public var softness: Softness
        /// How easily the length moves in the reference configuration (MuJoCo's `tendon_invweight0`).
        public var weight: Double
    }
}
