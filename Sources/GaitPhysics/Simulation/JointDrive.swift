/// What a simulation applies to one joint every sub-step, read from the model once (so that
/// stepping copies no model descriptions): its ODE joint and axis, its explicit damping (0 when
/// the solver damps it or nothing does), its spring, and the rotor row that carries its armature.
struct JointDrive {
    /// A hinge's rotor row (`BodyLayout.hasRotor`), with the armature and damping it carries.
    struct Rotor {
        let row: Joint
        let armature: Double
        let damping: Double
    }

    /// The model joint.
    let index: Int
    let joint: any JointCoordinates
    /// Which axis of `joint` it is.
    let axis: Int
    let damping: Double
    let stiffness: Double
    /// The spring's rest position offset (MuJoCo's `ref`).
    let reference: Double
    /// The rotor row that takes the joint's generalized force, when it has one; otherwise the
    /// force is applied to the joint.
    let rotor: Rotor?
}
