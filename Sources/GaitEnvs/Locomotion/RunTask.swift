import GaitCore
import GaitPhysics

/// dm_control's cheetah family: run forward; the reward is the torso subtree's forward speed
/// over `speed`, clipped to [0, 1].
public struct RunTask: PhysicsTask {
    public let substeps: Int
    public let observationParts: [ObservationPart]
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
        observationParts = [ObservationPart("position", size: model.joints.count - 1),
                            ObservationPart("velocity", size: model.velocityCount)]
    }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: false)
        try simulation.step(controls: [Double](repeating: 0, count: simulation.model.actuators.count),
                            substeps: settleSteps)
    }

    /// Joint positions except the root's x, then all joint velocities.
    public func observe(_ simulation: Simulation, into observation: inout [Float]) {
        simulation.writeJointState(into: &observation, from: 0, skippingPositions: 1)
    }

    public func reward(_ simulation: Simulation, controls: [Double], info: inout Info) -> Double {
        let velocity = simulation.subtreeLinearVelocity(torso).x
        let run = tolerance(velocity, bounds: (speed, .infinity), margin: speed, sigmoid: .linear, valueAtMargin: 0)
        info["speed"] = velocity
        info["run"] = run
        return run
    }
}
