/// What a simulation applies to one joint every sub-step, read from the model once (so that
/// stepping copies no model descriptions): its ODE joint and axis, its explicit damping (0 when
/// the solver damps it or nothing does), its spring, and the rotor row that carries its armature.
struct JointDrive {
    /// A hinge's or slide's rotor row (`BodyLayout.hasRotor`): MuJoCo's joint-space armature A,
    /// carrying the joint's damping d and the generalized force f on it. The row's torque λ on the links and
    /// the hinge's new rate q̇′ satisfy the rotor's equation A·(q̇′ − q̇)/h = f − d·q̇′ − λ, which the
    /// row states as q̇′ = (A·q̇ + h·f)/(A + h·d) − h/(A + h·d)·λ. Solved implicitly, it is stable
    /// at any step; f is then not applied otherwise.
    struct Rotor {
        let row: Joint
        let armature: Double
        let timestep: Double
        /// A + h·d.
        let scale: Double

        /// Makes the damper `row` (angular for a hinge, linear for a slide) the rotor of a joint
        /// with `armature` and `damping`, stepped by `timestep`; its mixing h/(A + h·d) stays.
        init(row: Joint, armature: Double, damping: Double, timestep: Double) {
            self.row = row
            self.armature = armature
            self.timestep = timestep
            scale = armature + timestep * damping
            row.setMixing(timestep / scale)
        }

        /// Sets the row's target for a step from rate `rate` under generalized force `force`.
        func prepareStep(force: Double, rate: Double) {
            row.setTargetVelocity((armature * rate + timestep * force) / scale)
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
