extension Model {
    /// A motor: generalized force gear × control on one joint.
    public struct Actuator: Sendable, Hashable {
        /// The actuator's name, or "" when unnamed.
        public var name: String
        /// The driven joint (hinge or slide).
        public var joint: Int
        /// Force or torque per unit of control.
        public var gear: Double
        /// Controls are clamped to this range; nil when unclamped.
        public var controlRange: ClosedRange<Double>?
    }
}
