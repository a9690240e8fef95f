extension Model {
    /// A degree-of-freedom joint between a body and its parent.
    public struct Joint: Sendable, Hashable {
        /// What a joint allows.
        public enum Kind: String, Sendable, Hashable {
            /// Rotation about an axis (one coordinate, radians).
            case hinge
            /// Translation along an axis (one coordinate, metres).
            case slide
            /// Six degrees of freedom: position (3) and orientation quaternion (4).
            case free
        }

        /// The joint's name, or "" when unnamed.
        public var name: String
        /// Hinge, slide or free.
        public var kind: Kind
        /// The body this joint moves (relative to the body's parent).
        public var body: Int
        /// The anchor point in the body frame.
        public var anchor: Vector3
        /// The unit axis in the body frame (unused for free joints).
        public var axis: Vector3
        /// The allowed range of the coordinate, in radians or metres; nil when unlimited.
        public var range: ClosedRange<Double>?
        /// Viscous damping: generalized force −damping·velocity.
        public var damping: Double
        /// Spring stiffness: generalized force −stiffness·position (rest at position 0).
        public var stiffness: Double
        /// The coordinate's value in the model's reference configuration.
        public var reference: Double

        /// How many position coordinates the joint has (7 for free, 1 otherwise).
        public var positionCount: Int { kind == .free ? 7 : 1 }
        /// How many velocity coordinates the joint has (6 for free, 1 otherwise).
        public var velocityCount: Int { kind == .free ? 6 : 1 }
    }
}
