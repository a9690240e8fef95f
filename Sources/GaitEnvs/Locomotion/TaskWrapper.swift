import GaitCore
import GaitPhysics

/// A task built on another (`ControlCostTask`, `SensorTask`, `KeyframeStartTask`): whatever it
/// does not change is its base task's.
public protocol TaskWrapper: PhysicsTask where Readings == Base.Readings {
    associatedtype Base: PhysicsTask
    /// The task it builds on.
    var base: Base { get }
}

extension TaskWrapper {
    public var substeps: Int { base.substeps }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try base.reset(simulation, random: &random)
    }

    public func read(_ simulation: Simulation) -> Base.Readings { base.read(simulation) }

    public func observe(_ readings: Base.Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        base.observe(readings, of: simulation, into: &writer)
    }

    public func isTerminal(_ simulation: Simulation) -> Bool { base.isTerminal(simulation) }

    public func reward(_ readings: Base.Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        base.reward(readings, of: simulation, actions: actions, info: &info)
    }
}
