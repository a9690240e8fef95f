/// The coordinates an ODE joint gives the model joints it carries (MuJoCo's hinge angles or slide
/// displacements, measured from the placement at creation), their rates, their limits and the
/// generalized forces on them. `axis` picks one model joint of a joint that carries several.
protocol JointCoordinates: AnyObject {
    /// A coordinate: an angle in (−π, π] or a displacement.
    func position(axis: Int) -> Double
    /// A coordinate's rate of change.
    func rate(axis: Int) -> Double
    /// Adds a generalized force (torque about, or force along, the coordinate) for the next step.
    func addForce(_ force: Double, axis: Int)
    /// Limits a coordinate to `range`.
    func setLimits(_ range: ClosedRange<Double>, axis: Int)
    /// Sets the next step's limit row on a coordinate: the share `erp` of the coordinate's
    /// violation it corrects, and its constraint-force mixing `cfm`, both for the coordinate
    /// itself (its rate and generalized force), whatever the row's own scale.
    func setLimitSoftness(erp: Double, cfm: Double, axis: Int)
}
