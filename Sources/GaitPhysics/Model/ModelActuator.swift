import Foundation

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
        /// How the actuator's activation follows its control (MuJoCo's `dyntype` and `dynprm`); with
        /// dynamics, the force is gain·activation + bias.
        public var dynamics = Dynamics.none
        /// The activation is clamped to this range (MuJoCo's `actrange` with `actlimited`); nil when unclamped.
        public var activationRange: ClosedRange<Double>?
        /// Whether this step's force uses the activation after this step's update (MuJoCo's `actearly`).
        public var activatesEarly = false
        /// A position servo's damping ratio (MuJoCo's `dampratio`), from which its kv (−`biasVelocity`)
        /// is worked out when the model is made; nil when kv was given.
        public var dampingRatio: Double?

        /// MuJoCo's activation dynamics, integrated once per physics step as MuJoCo's Euler does.
        public enum Dynamics: Sendable, Hashable {
            /// No activation: the force follows the control.
            case none
            /// activation′ = control (MuJoCo's `integrator`).
            case integrator
            /// activation′ = (control − activation) / timeConstant (MuJoCo's `filter`, Euler-integrated;
            /// `exact`: integrated exactly over the step, MuJoCo's `filterexact`).
            case filter(timeConstant: Double, exact: Bool)

            /// MuJoCo's name for it (`dyntype`).
            public var name: String {
                switch self {
                case .none: "none"
                case .integrator: "integrator"
                case .filter(_, let exact): exact ? "filterexact" : "filter"
                }
            }

            /// A filter's time constant (MuJoCo's dynprm[0]), nil for the others.
            public var timeConstant: Double? {
                guard case .filter(let tau, _) = self else { return nil }
                return tau
            }
        }

        /// Whether the force depends on the joint's state or is clamped, and so must be worked
        /// out every sub-step rather than once per control.
        public var dependsOnState: Bool {
            biasConstant != 0 || biasPosition != 0 || biasVelocity != 0 || forceRange != nil || dynamics != .none
        }

        /// The activation one physics step of `timestep` later, under `control` (already clamped to
        /// the control range), clamped to `activationRange` (MuJoCo's mj_Euler on `act`).
        public func nextActivation(_ activation: Double, control: Double, timestep: Double) -> Double {
            let next: Double = switch dynamics {
            case .none: activation
            case .integrator: activation + timestep * control
            case .filter(let tau, false): activation + timestep * (control - activation) / tau
            case .filter(let tau, true): activation + (control - activation) * (1 - exp(-timestep / tau))
            }
            return activationRange.map { min(max(next, $0.lowerBound), $0.upperBound) } ?? next
        }
    }
}
