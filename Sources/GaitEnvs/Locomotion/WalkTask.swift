import GaitCore
import GaitPhysics

/// dm_control's walker family: stand up and stay upright, and optionally move forward at
/// `speed` (0: stand). Starts from any orientation, often lying down.
public struct WalkTask: PhysicsTask {
    public let substeps: Int
    public let observationParts: [ObservationPart]
    /// The target forward speed (m/s); 0 for standing only.
    public let speed: Double
    /// The torso height counted as standing.
    public let standHeight: Double
    private let torso: Int
    private let bodyCount: Int

    /// A walk task on `model`, whose torso body is `torso`.
    public init(model: Model, torso: String = "torso", speed: Double, standHeight: Double = 1.2,
                substeps: Int = 10) throws(TaskError) {
        self.torso = try model.requireBody(torso, for: "walk")
        try model.requirePlanar(for: "walk")
        self.speed = speed
        self.standHeight = standHeight
        self.substeps = substeps
        bodyCount = model.bodies.count - 1
        observationParts = [ObservationPart("orientations", size: 2 * bodyCount), ObservationPart("height", size: 1),
                            ObservationPart("velocity", size: model.velocityCount)]
    }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: true)
    }

    /// The xx and xz orientation entries of every body, the torso height, all joint velocities.
    public func observe(_ simulation: Simulation, into observation: inout [Float]) {
        for body in 1...bodyCount {
            let r = simulation.bodyOrientation(body)
            observation[2 * (body - 1)] = Float(r.xx)
            observation[2 * (body - 1) + 1] = Float(r.xz)
        }
        observation[2 * bodyCount] = Float(simulation.bodyPosition(torso).z)
        for joint in simulation.model.joints.indices {
            observation[2 * bodyCount + 1 + joint] = Float(simulation.jointVelocity(joint))
        }
    }

    public func reward(_ simulation: Simulation, controls: [Double], info: inout Info) -> Double {
        let standing = tolerance(simulation.bodyPosition(torso).z, bounds: (standHeight, .infinity),
                                 margin: standHeight / 2)
        let upright = (1 + simulation.bodyOrientation(torso).zz) / 2
        let stand = (3 * standing + upright) / 4
        info["standing"] = standing
        info["upright"] = upright
        info["stand"] = stand
        guard speed > 0 else { return stand }
        let move = tolerance(simulation.subtreeLinearVelocity(torso).x, bounds: (speed, .infinity),
                             margin: speed / 2, sigmoid: .linear, valueAtMargin: 0.5)
        info["move"] = move
        return stand * (5 * move + 1) / 6
    }
}
