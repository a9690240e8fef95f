/// What a simulation applies to one joint every sub-step, read from the model once (so that
/// stepping copies no model descriptions): its ODE joint and axis, its explicit damping (0 when
/// the solver damps it or nothing does) and its spring.
struct JointDrive {
    /// The model joint.
    let index: Int
    let joint: any JointCoordinates
    /// Which axis of `joint` it is.
    let axis: Int
    let damping: Double
    let stiffness: Double
    /// The spring's rest position offset (MuJoCo's `ref`).
    let reference: Double
}
