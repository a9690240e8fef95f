extension Model {
    /// An equality constraint (MuJoCo's `<equality>`): two bodies joined at a point (`connect`),
    /// held in their relative pose (`weld`), or hinges whose weighted sum of angles is held
    /// (`coupling`: MuJoCo's joint and tendon equalities). ODE holds it with a ball joint, a fixed
    /// joint or an angular motor whose rows follow the constraint's softness (see Reading MJCF).
    public struct Equality: Sendable, Hashable {
        /// What the constraint holds.
        public enum Kind: String, Sendable, Hashable {
            /// A point of each body kept together (three rows).
            case connect
            /// The bodies' relative position and orientation kept as in the reference configuration (six rows).
            case weld
            /// A weighted sum of hinge angles kept constant (one row; see `Coupling`).
            case coupling
        }

        /// The constraint's name, or "" when unnamed.
        public var name: String
        /// Connect, weld or coupling.
        public var kind: Kind
        /// The two bodies (0 is the world). A coupling's turn is the second's relative to the first.
        public var bodies: BodyPair
        /// A connect's point fixed to the lower-indexed body, in the world frame of the reference
        /// configuration (unused by a weld and a coupling).
        public var firstPoint: Vector3
        /// The point fixed to the other body: the same unless the constraint joins two sites that
        /// lie apart in the reference configuration.
        public var secondPoint: Vector3
        /// The constraint's softness (MuJoCo's `solref` and `solimp`).
        public var softness = Softness.standard
        /// A coupling's hinges and how ODE holds them; nil for a connect or weld.
        public var coupling: Coupling?
    }

    /// Hinges held at Σ cⱼ·(qⱼ − qⱼ₀) = `offset` (qⱼ₀ their reference angles). Where every hinge
    /// between the constraint's two bodies turns about one axis (the sum is then `scale` times the
    /// second body's turn relative to the first about it), but for one hinge at the top of a chain
    /// at right angles to it (a hip's yaw above pitch, knee and ankle), one ODE row about `axis`
    /// holds it. Otherwise (`axis` nil: hinges or slides no one turn measures, as two fingers that
    /// turn opposite ways) the simulation holds it in joint space (see `JointSpaceCoupling`);
    /// `shares` are then the coefficients themselves and `scale` is 1.
    public struct Coupling: Sendable, Hashable {
        /// The hinges between the two bodies and each one's share of the turn (±1, or 0 for one at
        /// right angles): the turn is Σ shareⱼ·(qⱼ − qⱼ₀).
        public var shares: [Actuator.Transmission]
        /// cⱼ = scale·shareⱼ.
        public var scale: Double
        /// The value the sum is held at (MuJoCo's `polycoef[0]`).
        public var offset: Double
        /// The common axis, in the world frame of the reference configuration; nil when the
        /// coupling is held in joint space.
        public var axis: Vector3?
        /// The constraint's inverse weight in the sum's units (MuJoCo's: its tendons'
        /// `tendon_invweight0` or its joints' `dof_invweight0`, added), for its softness.
        public var weight: Double
        /// Held in joint space: how the sum accelerates per unit force on each hinge and slide of
        /// its tree in the reference configuration (a row of J·M⁻¹), so that the constraint meets
        /// what drives the joints; empty for a coupling ODE holds.
        public var response: [Actuator.Transmission] = []
    }
}
