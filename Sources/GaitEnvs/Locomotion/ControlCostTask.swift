import GaitCore
import GaitPhysics

/// A task with a quadratic control cost taken off its reward: r − weight·Σ aᵢ² (Gymnasium's
/// `ctrl_cost`), reported as `info["control_cost"]`.
public struct ControlCostTask<Base: PhysicsTask>: PhysicsTask {
    /// The task whose reward is charged.
    public let base: Base
    /// The cost per unit of squared action.
    public let weight: Double

    /// Charges `weight`·Σ aᵢ² on `base`'s reward.
    public init(_ base: Base, weight: Double) {
        self.base = base
        self.weight = weight
    }

    public var substeps: Int { base.substeps }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try base.reset(simulation, random: &random)
    }

    public func read(_ simulation: Simulation) -> Base.Readings { base.read(simulation) }

    public func observe(_ readings: Base.Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        base.observe(readings, of: simulation, into: &writer)
    }

    public func isTerminal(_ simulation: Simulation) -> Bool { base.isTerminal(simulation) }

    public func reward(_ readings: Base.Readings, of simulation: Simulation, controls: [Double], info: inout Info) -> Double {
        let cost = weight * controls.reduce(0) { $0 + $1 * $1 }
        info["control_cost"] = cost
        return base.reward(readings, of: simulation, controls: controls, info: &info) - cost
    }
}
