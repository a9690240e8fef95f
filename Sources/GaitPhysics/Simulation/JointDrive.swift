/// What a simulation applies to one joint every sub-step, read from the model once (so that
/// stepping copies no model descriptions): its ODE joint and axis, its explicit damping (0 when
/// the solver damps it or nothing does), its spring, and the rotor row that carries its armature.
struct JointDrive {
    /// A hinge's or slide's rotor row (`BodyLayout.hasRotor`): MuJoCo's joint-space armature A,
    /// carrying the joint's damping d, the generalized force f on it and the damping k of the servos
    /// whose velocity terms it takes implicitly (f holds their explicit −k·q̇, clamped as MuJoCo
    /// clamps it). The row's torque λ on the links and the hinge's new rate q̇′ satisfy the rotor's
    /// equation A·(q̇′ − q̇)/h = f − d·q̇′ − k·(q̇′ − q̇) − λ (MuJoCo's implicit step, as its
    /// `implicitfast` integrator takes kv), which the row states as
    /// q̇′ = (A·q̇ + h·(f + k·q̇))/(A + h·(d + k)) − h/(A + h·(d + k))·λ. Solved implicitly, it is
    /// stable at any step; f is then not applied otherwise.
    struct Rotor {
        let row: Joint
        let armature: Double
        let damping: Double
        let servoDamping: Double
        let timestep: Double
        /// Whether servos with a force range are among those `servoDamping` sums: in a step in
        /// which one is clamped, its kv leaves the row's equation (as MuJoCo leaves it out of its
        /// implicit step), and the row's mixing changes with it.
        let hasForceLimitedServos: Bool

        /// Makes the damper `row` (angular for a hinge, linear for a slide) the rotor of a joint
        /// with `armature`, `damping` and `servoDamping`, stepped by `timestep`, and sets its
        /// mixing h/(A + h·(d + k)).
        init(row: Joint, armature: Double, damping: Double, servoDamping: Double, hasForceLimitedServos: Bool, timestep: Double) {
            self.row = row
            self.armature = armature
            self.damping = damping
            self.servoDamping = servoDamping
            self.timestep = timestep
            self.hasForceLimitedServos = hasForceLimitedServos
            row.setMixing(timestep / (armature + timestep * (damping + servoDamping)))
        }

        /// Sets the row's target for a step from rate `rate` under generalized force `force`,
        /// without the `clampedDamping` of the servos clamped in this step.
        func prepareStep(force: Double, rate: Double, clampedDamping: Double) {
            let servoDamping = self.servoDamping - clampedDamping
            let scale = armature + timestep * (damping + servoDamping)
            if hasForceLimitedServos { row.setMixing(timestep / scale) }
            row.setTargetVelocity((armature * rate + timestep * (force + servoDamping * rate)) / scale)
        }
    }

    /// The model joint.
    let index: Int
    let joint: any JointCoordinates
    /// Which axis of `joint` it is.
    let axis: Int
    let damping: Double
    let stiffness: Double
    /// The joint's reference coordinate less its spring's rest coordinate (MuJoCo's `ref` − `springref`).
    let reference: Double
    /// The rotor row that takes the joint's generalized force, when it has one; otherwise the
    /// force is applied to the joint.
    let rotor: Rotor?
}
