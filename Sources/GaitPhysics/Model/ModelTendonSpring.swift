extension Model {
    /// A spring on a fixed tendon (MuJoCo's tendon `stiffness` and `springlength`): the tendon's
    /// length L = Σ cⱼ·qⱼ is pulled back into its rest range by stiffness × the distance, a force
    /// each joint feels times its coefficient.
    public struct TendonSpring: Sendable, Hashable {
        /// The tendon's name.
        public var name: String
        /// The joints and their coefficients.
        public var terms: [Actuator.Transmission]
        /// Force per unit of length outside the rest range.
        public var stiffness: Double
        /// The lengths at which the spring is slack (one length unless `springlength` gives two).
        public var restLengths: ClosedRange<Double>

        /// The force along the tendon at `length`.
        public func force(length: Double) -> Double {
            stiffness * (min(max(length, restLengths.lowerBound), restLengths.upperBound) - length)
        }
    }
}
