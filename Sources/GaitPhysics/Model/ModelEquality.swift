extension Model {
    /// An equality constraint (MuJoCo's `<equality>`): two bodies joined at a point (`connect`) or
    /// held in their relative pose (`weld`). ODE holds it with a ball or fixed joint whose ERP and
    /// CFM come from the constraint's softness (see Reading MJCF).
    public struct Equality: Sendable, Hashable {
        /// What the constraint holds.
        public enum Kind: String, Sendable, Hashable {
            /// A point of each body kept together (three rows).
            case connect
            /// The bodies' relative position and orientation kept as in the reference configuration (six rows).
            case weld
        }

        /// The constraint's name, or "" when unnamed.
        public var name: String
        /// Connect or weld.
        public var kind: Kind
        /// The two bodies (0 is the world).
        public var bodies: BodyPair
        /// A connect's point fixed to the lower-indexed body, in the world frame of the reference
        /// configuration (unused by a weld).
        public var firstPoint: Vector3
        /// The point fixed to the other body: the same unless the constraint joins two sites that
        /// lie apart in the reference configuration.
        public var secondPoint: Vector3
        /// The constraint's softness (MuJoCo's `solref` and `solimp`).
        public var softness = Softness.standard
    }
}
