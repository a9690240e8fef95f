import GaitCore
import GaitPhysics

/// dm_control's walker family: stand up and stay upright, and optionally move forward at
/// `speed` (0: stand). Starts from any orientation, often lying down.
public struct WalkTask: PhysicsTask {
    public let substeps: Int
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
    }

    /// What the observation and the reward share.
    public struct Readings {
        /// The torso's height.
        public let torsoHeight: Double
        /// The z component of the torso's z axis (1 upright, −1 upside down).
        public let torsoUpright: Double
    }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: true)
    }

    public func read(_ simulation: Simulation) -> Readings {
        Readings(torsoHeight: simulation.bodyPosition(torso).z, torsoUpright: simulation.bodyOrientation(torso).zz)
    }

    /// The xx and xz orientation entries of every body, the torso height, all joint velocities.
    public func observe(_ readings: Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        writer.part("orientations")
        for body in 1...bodyCount {
            let r = simulation.bodyOrientation(body)
            writer.add(r.xx)
            writer.add(r.xz)
        }
        writer.append("height", readings.torsoHeight)
        writer.part("velocity")
        simulation.addVelocities(to: &writer, includingRoot: true)
    }

    public func reward(_ readings: Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let standing = tolerance(readings.torsoHeight, bounds: (standHeight, .infinity), margin: standHeight / 2)
        let upright = (1 + readings.torsoUpright) / 2
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
