import GaitCore
import GaitPhysics

/// dm_control's cheetah family: run forward; the reward is the torso subtree's forward speed
/// over `speed`, clipped to [0, 1].
public struct RunTask: PhysicsTask {
    public let substeps: Int
    /// The speed (m/s) that earns the full reward.
    public let speed: Double
    /// Physics steps taken with zero controls after the random pose, to settle on the ground.
    public let settleSteps: Int
    private let torso: Int

    /// A run task on `model`, whose torso body is `torso`.
    public init(model: Model, torso: String = "torso", speed: Double = 10, substeps: Int = 1,
                settleSteps: Int = 200) throws(TaskError) {
        self.torso = try model.requireBody(torso, for: "run")
        try model.requirePlanar(for: "run")
        self.speed = speed
        self.substeps = substeps
        self.settleSteps = settleSteps
    }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: false)
        try simulation.step(controls: [Double](repeating: 0, count: simulation.model.actuators.count),
                            substeps: settleSteps)
    }

    /// Joint positions except the root's x, then all joint velocities.
    public func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
        simulation.appendJointState(to: &writer, skippingPositions: 1)
    }

    public func reward(_ readings: Void, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let forwardSpeed = simulation.subtreeLinearVelocity(torso).x
        let run = tolerance(forwardSpeed, bounds: (speed, .infinity), margin: speed, sigmoid: .linear, valueAtMargin: 0)
        info["speed"] = forwardSpeed
        info["run"] = run
        return run
    }
}
