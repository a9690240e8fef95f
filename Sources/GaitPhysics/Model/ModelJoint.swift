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
            /// Three rotational degrees of freedom about the anchor: an orientation quaternion (4).
            case ball
        }

        /// The joint's name, or "" when unnamed.
        public var name: String
        /// Hinge, slide, ball or free.
        public var kind: Kind
        /// The body this joint moves (relative to the body's parent).
        public var body: Int
        /// The anchor point in the body frame.
        public var anchor: Vector3
        /// The unit axis in the body frame (unused for free joints).
        public var axis: Vector3
        /// The allowed range of the coordinate, in radians or metres; nil when unlimited.
        public var range: ClosedRange<Double>?
        /// How far inside the range the limits start to push (MuJoCo's `margin`).
        public var limitMargin: Double = 0
        /// The limits' softness (MuJoCo's `solreflimit` and `solimplimit`).
        public var limitSoftness = Softness.standard
        /// Viscous damping: generalized force −damping·velocity.
        public var damping: Double
        /// Spring stiffness: generalized force −stiffness·(position − springReference).
        public var stiffness: Double
        /// The coordinate at which the spring is at rest (MuJoCo's `springref`).
        public var springReference: Double = 0
        /// A spring and damper given as a time constant and damping ratio (MuJoCo's `springdamper`):
        /// the model sets `stiffness` and `damping` from them and the mass the joint moves.
        public var springDamper: SpringDamper?
        /// Dry friction: the largest generalized force that holds the joint still (MuJoCo's `frictionloss`).
        public var frictionLoss: Double = 0
        /// The total force of the actuators on this hinge or slide is clamped to it (MuJoCo's
        /// `actuatorfrcrange` with `actuatorfrclimited`); nil when unclamped.
        public var actuatorForceRange: ClosedRange<Double>?
        /// The coordinate's value in the model's reference configuration.
        public var reference: Double
        /// Rotor inertia (kg·m²) or reflected mass (kg) added along the joint's axis (MuJoCo's
        /// `armature`; see docs/physics.md for how ODE represents it).
        public var armature: Double

        /// The farthest a hinge's limit may lie from the angle ODE measures it from: ODE's hinge
        /// angles wrap at ±180°.
        public static let largestHingeLimit = Double.pi * 179 / 180

        /// The angle, relative to the reference, from which ODE measures a hinge: 0, or for a
        /// range that reaches beyond `largestHingeLimit` of the reference (dm_control's cheetah's
        /// back foot turns from −230° to 50°) its middle. A range wider than that measure
        /// (`limitsFollowTurns`) is measured from its middle or the angle half a turn from it,
        /// whichever leaves both limits at least a quarter turn from where ODE's angle wraps.
        /// 0 for other joints.
        public var measuredFrom: Double {
            guard kind == .hinge, let range else { return 0 }
            let lower = range.lowerBound - reference, upper = range.upperBound - reference
            guard lower < -Self.largestHingeLimit || upper > Self.largestHingeLimit else { return 0 }
            let middle = (lower + upper) / 2
            guard limitsFollowTurns else { return middle }
            // The limits lie half the width either side of the middle: within a quarter turn of
            // it or of the angle half a turn away, modulo whole turns.
            let halfWidth = (upper - middle).remainder(dividingBy: 2 * .pi)
            return abs(halfWidth) <= .pi / 2 ? middle : middle + .pi
        }

        /// Whether the hinge's range is wider than ODE measures a hinge's angle (twice
        /// `largestHingeLimit`: Menagerie's ANYmal turns its legs 1.5 turns either way). ODE's stops
        /// then move with the hinge's whole turns (see `Simulation`).
        public var limitsFollowTurns: Bool {
            guard kind == .hinge, let range else { return false }
            return range.upperBound - range.lowerBound > 2 * Self.largestHingeLimit
        }

        /// How many position coordinates the joint has (MuJoCo's qpos: free 7, ball 4, else 1).
        public var positionCount: Int {
            switch kind {
            case .free: 7
            case .ball: 4
            case .hinge, .slide: 1
            }
        }
        /// How many velocity coordinates the joint has (MuJoCo's qvel: free 6, ball 3, else 1).
        public var velocityCount: Int {
            switch kind {
            case .free: 6
            case .ball: 3
            case .hinge, .slide: 1
            }
        }
    }
}

extension Model.Joint {
    /// A joint's spring and damper by their response (MuJoCo's `springdamper`).
    public struct SpringDamper: Sendable, Hashable {
        /// The time constant of the mass-spring-damper, in seconds.
        public var timeConstant: Double
        /// Its damping ratio (1: critically damped).
        public var dampingRatio: Double

        /// MuJoCo's stiffness and damping for a joint whose degrees of freedom have these inverse
        /// weights (`dof_invweight0`): their mean inertia m = n / Σ w gives k = m / (τ ζ)² and
        /// b = 2m / τ.
        func stiffnessAndDamping(inverseWeights: ArraySlice<Double>) -> (stiffness: Double, damping: Double) {
            let inertia = Double(inverseWeights.count) / max(Model.smallestValue, inverseWeights.reduce(0, +))
            let stiffness = inertia / max(Model.smallestValue, timeConstant * timeConstant * dampingRatio * dampingRatio)
            return (stiffness, 2 * inertia / max(Model.smallestValue, timeConstant))
        }
    }
}
