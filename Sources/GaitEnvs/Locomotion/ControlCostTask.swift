import GaitCore
import GaitPhysics

/// A task with a quadratic control cost taken off its reward: r − weight·Σ aᵢ² (Gymnasium's
/// `ctrl_cost`), reported as `info["control_cost"]`.
public struct ControlCostTask<Base: PhysicsTask>: TaskWrapper {
    /// The task whose reward is charged.
    public let base: Base
    /// The cost per unit of squared action.
    public let weight: Double

    /// Charges `weight`·Σ aᵢ² on `base`'s reward.
    public init(_ base: Base, weight: Double) {
        self.base = base
        self.weight = weight
    }

    public func reward(_ readings: Base.Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let cost = weight * actions.reduce(0) { $0 + $1 * $1 }
        info["control_cost"] = cost
        return base.reward(readings, of: simulation, actions: actions, info: &info) - cost
    }
}
