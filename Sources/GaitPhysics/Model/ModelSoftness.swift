internal import CODEShims

extension Model {
    /// MuJoCo's softness of a constraint (a contact, a joint limit or an equality): `solref`, a time constant
    /// and damping ratio (or, both negative, a stiffness and damping), and `solimp`, the impedance
    /// d0, d_width, width, midpoint and power. Gait maps it onto ODE's rows (see Reading MJCF).
    public struct Softness: Sendable, Hashable {
        /// MuJoCo's `solref`: 2 numbers.
        public var reference: [Double]
        /// MuJoCo's `solimp`: 5 numbers.
        public var impedance: [Double]

        /// MuJoCo's defaults: solref 0.02 1, solimp 0.9 0.95 0.001 0.5 2.
        public static let standard = Softness(reference: [0.02, 1], impedance: [0.9, 0.95, 0.001, 0.5, 2])
    }
}

extension Model.Softness {
    /// This softness on one constraint row for a time step, at violation `depth`, for a row of
    /// inverse weight `weight`: ODE's ERP and CFM, and the share of its velocity MuJoCo's target
    /// keeps (see gait_soft_row).
    func row(depth: Double, timestep: Double, weight: Double) -> GaitSoftRow {
        reference.withUnsafeBufferPointer { reference in
            impedance.withUnsafeBufferPointer { impedance in
                gait_soft_row(reference.baseAddress, impedance.baseAddress, depth, timestep, weight)
            }
        }
    }
}
