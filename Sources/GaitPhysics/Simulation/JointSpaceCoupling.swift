/// Holds a coupling no one ODE row measures (`Model.Coupling` without an axis, as the fingers of
/// dm_control's manipulator, which turn opposite ways) by a force along its coefficients each
/// sub-step: MuJoCo's soft constraint on the sum, F = (a_ref − a₀)/(A + R) with
/// a_ref = −b·ṙ − k·d·r for the violation r and its rate ṙ (k, b, d and R from the softness at r,
/// A = J·M⁻¹·Jᵀ the sum's inverse inertia and R MuJoCo's regulariser from the constraint's inverse
/// weight), and a₀ the sum's acceleration under the forces on the tree's hinges and slides
/// (actuators, springs, damping, gravity), both through the reference configuration's J·M⁻¹
/// (velocity-dependent forces, contacts and other constraints left out: a hand's fingers follow
/// MuJoCo's to 1e-5, a leg swinging far from its reference pose holds the sum several times
/// looser). Explicit, it is stable while the step is short against the constraint's time
/// constant, as MuJoCo's floor of two steps keeps it.
struct JointSpaceCoupling {
    /// The coupled joints and their coefficients cⱼ.
    let terms: [Model.Actuator.Transmission]
    /// The value Σ cⱼ·(qⱼ − qⱼ₀) is held at.
    let offset: Double
    /// The constraint's softness and inverse weight (MuJoCo's, for its regulariser).
    let softness: Model.Softness
    let weight: Double
    /// The sum's acceleration per unit force on each joint (`Model.Coupling.response`).
    let response: [Model.Actuator.Transmission]
    /// The sum's inverse inertia J·M⁻¹·Jᵀ.
    let inverseInertia: Double

    /// Holds `coupling` with `softness`.
    init(_ coupling: Model.Coupling, softness: Model.Softness) {
        terms = coupling.shares.map { $0 }
        offset = coupling.offset
        self.softness = softness
        weight = coupling.weight
        response = coupling.response.map { $0 }
        inverseInertia = coupling.shares.reduce(0) { total, term in
            total + term.coefficient * (coupling.response.first { $0.joint == term.joint }?.coefficient ?? 0)
        }
    }

    /// The force along the sum at violation `error` and rate `rate` while the joints' other
    /// forces accelerate it by `acceleration`, for a step of `timestep`.
    func force(error: Double, rate: Double, acceleration: Double, timestep: Double) -> Double {
        let row = softness.row(depth: abs(error), timestep: timestep, weight: weight)
        let stiffness = row.erp / (timestep * timestep), damping = (1 - row.keep) / timestep
        return -(damping * rate + stiffness * error + acceleration) / (inverseInertia + row.cfm / timestep)
    }
}
