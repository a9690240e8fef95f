internal import CODEShims

/// Holds a coupling (`Model.Coupling`): an angular motor between its two bodies about the hinges'
/// common axis, one ODE row whose target velocity and mixing make it MuJoCo's soft constraint on
/// the hinges' sum for the next step.
struct CouplingMotor {
    /// The motor; its rate is the turn's (the hinges' Σ shareⱼ·q̇ⱼ).
    let motor: Joint
    /// The hinges' ODE joints, axes and model joints, with each one's share of the turn (as the
    /// motor measures it).
    let terms: [(joint: any JointCoordinates, axis: Int, index: Int, share: Double)]
    /// The turn at which the sum is held: offset / scale.
    let target: Double
    /// The sum's coefficients over the turn's (`Model.Coupling.scale`).
    let scale: Double
    /// The constraint's softness.
    let softness: Model.Softness
    /// The constraint's inverse weight in the sum's units.
    let weight: Double

    /// `motor` turns the equality's second body against its first (the second, which carries a
    /// coupled hinge, always moves); `joints` and `axes` are the simulation's per model joint.
    init(motor: Joint, coupling: Model.Coupling, joints: [(any JointCoordinates)?], axes: [Int], softness: Model.Softness) {
        self.motor = motor
        terms = coupling.shares.filter { $0.coefficient != 0 }.map { (joints[$0.joint]!, axes[$0.joint], $0.joint, $0.coefficient) }
        target = coupling.offset / coupling.scale
        scale = coupling.scale
        self.softness = softness
        weight = coupling.weight
    }

    /// Sets the row for a step of `timestep`: with impedance d at the sum's violation r, ERP
    /// k·d·h² and CFM h·R (see gait_soft_row), the motor aims at keep·v − ERP·(turn − target)/h,
    /// MuJoCo's reference; ERP and keep are the same in the turn's units, CFM is divided by scale².
    /// The turn counts each hinge's whole turns (`turns`), as MuJoCo's qpos does.
    func prepareStep(timestep: Double, turns: HingeTurns) {
        var turn = 0.0, rate = 0.0
        for term in terms {
            turn += term.share * turns.unwrapped(term.joint.position(axis: term.axis), joint: term.index)
            rate += term.share * term.joint.rate(axis: term.axis)
        }
        let error = turn - target
        let row = softness.row(depth: abs(scale * error), timestep: timestep, weight: weight)
        let velocity = row.keep * rate - row.erp * error / timestep, mixing = row.cfm / (scale * scale)
        // A state already blowing up keeps the last row; the step's instability check reports it.
        guard velocity.isFinite, mixing.isFinite, mixing >= 0 else { return }
        motor.setTargetVelocity(velocity)
        motor.setMixing(mixing)
    }
}
