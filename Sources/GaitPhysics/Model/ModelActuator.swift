extension Model {
    /// An actuator on a joint or a fixed tendon, with MuJoCo's gain and bias: its scalar force is
    /// gain·control + biasConstant + biasPosition·length + biasVelocity·velocity, where length
    /// and velocity are gear × the transmission's length Σ coefficient·coordinate and its rate;
    /// the force is clamped to `forceRange` and reaches each joint as gear × coefficient × force. A `motor` has gain 1 and no bias, a
    /// `position` servo gain kp and bias (0, −kp, −kv), a `velocity` servo gain kv and bias (0, 0, −kv).
    public struct Actuator: Sendable, Hashable {
        /// The actuator's name, or "" when unnamed.
        public var name: String
        /// One joint of a transmission and its coefficient.
        public struct Transmission: Sendable, Hashable {
            /// The joint (hinge or slide).
            public var joint: Int
            /// The joint coordinate's share of the transmission's length.
            public var coefficient: Double
        }

        /// The driven joints: one with coefficient 1, or a fixed tendon's (MuJoCo's `tendon`).
        public var transmission: [Transmission]
        /// The fixed tendon driven, by name, or nil for a joint.
        public var tendon: String?
        /// The transmission's gear: length = gear × the transmission's length; each joint receives
        /// gear × its coefficient × force.
        public var gear: Double
        /// Controls are clamped to this range; nil when unclamped.
        public var controlRange: ClosedRange<Double>?
        /// Force per unit of control (MuJoCo's gainprm[0], gaintype fixed).
        public var gain: Double = 1
        /// The bias's constant, length and velocity terms (MuJoCo's biasprm[0...2], biastype affine).
        public var biasConstant: Double = 0
        public var biasPosition: Double = 0
        public var biasVelocity: Double = 0
        /// The actuator's force is clamped to this range; nil when unclamped.
        public var forceRange: ClosedRange<Double>?

        /// Whether the force depends on the joint's state or is clamped, and so must be worked
        /// out every sub-step rather than once per control.
        public var dependsOnState: Bool {
            biasConstant != 0 || biasPosition != 0 || biasVelocity != 0 || forceRange != nil
        }
    }
}
