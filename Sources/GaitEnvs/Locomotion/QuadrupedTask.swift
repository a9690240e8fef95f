import Foundation
import GaitCore
import GaitPhysics

/// dm_control's quadruped `Move` task on a 3-D four-legged robot: stay upright and move forward,
/// along the torso's own heading (or the world's +x axis), at `speed` m/s or faster.
///
/// Besides `torso_upright`, the observation has `torso_vertical`, the world's up axis in the
/// torso's frame (what dm_control's quadruped reads from its IMU): without it a robot at rest on
/// its back or side could not tell which way it leans.
public struct QuadrupedTask: PhysicsTask {
    /// Which way counts as forward.
    public enum Forward: String, Sendable, CaseIterable {
        /// The torso's own heading, as dm_control's: running in circles earns the full reward.
        case torso
        /// The world's +x axis: only progress along it counts, and the observation adds
        /// `world_forward`, that axis in the torso's frame (which way to go).
        case world
    }

    public let substeps: Int
    /// The forward speed (m/s) that earns the full reward.
    public let speed: Double
    /// Which way counts as forward.
    public let forward: Forward
    private let torso: Int
    private let feet: [Int]

    /// A quadruped task on `model` (a 3-D robot with a free root) with the given torso body and
    /// foot geoms.
    public init(model: Model, speed: Double, forward: Forward = .torso, torso: String = "torso",
                feet: [String] = ["front_left_foot", "front_right_foot", "back_left_foot", "back_right_foot"],
                substeps: Int = 4) throws(TaskError) {
        self.torso = try model.requireBody(torso, for: "quadruped")
        var geoms: [Int] = []
        for name in feet { geoms.append(try model.requireGeom(name, for: "quadruped")) }
        self.feet = geoms
        try model.requireFreeRoot(for: "quadruped", torso: self.torso)
        self.speed = speed
        self.forward = forward
        self.substeps = substeps
    }

    /// What the observation and the reward share.
    public struct Readings {
        /// The torso's orientation.
        public let torsoRotation: Quaternion
        /// The torso's velocity in its own frame (x: forward along its heading).
        public let torsoVelocity: Vector3
        /// The speed forward, as `forward` measures it.
        public let forwardSpeed: Double
    }

    /// A uniformly random orientation, hinges uniform in their ranges, lowered onto the floor (or
    /// raised until nothing touches), at rest.
    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: true)
        guard try simulation.placeAboveFloor() else {
            throw .unstable(time: 0, body: simulation.model.bodies[torso].name, detail: "no contact-free height for the random start")
        }
    }

    public func read(_ simulation: Simulation) -> Readings {
        let rotation = simulation.bodyPose(torso).rotation, velocity = simulation.bodyLinearVelocity(torso)
        let torsoVelocity = rotation.conjugate.rotate(velocity)
        return Readings(torsoRotation: rotation, torsoVelocity: torsoVelocity,
                        forwardSpeed: forward == .torso ? torsoVelocity.x : velocity.x)
    }

    public func observe(_ readings: Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        writer.part("joint_angles")
        simulation.addJointAngles(to: &writer)
        writer.part("joint_velocities")
        simulation.addVelocities(to: &writer, includingRoot: false)
        writer.append("torso_velocity", readings.torsoVelocity)
        let vertical = readings.torsoRotation.matrix.zRow
        writer.append("torso_upright", vertical.z)
        writer.append("torso_vertical", vertical)
        if forward == .world { writer.append("world_forward", readings.torsoRotation.conjugate.rotate(Vector3(1, 0, 0))) }
        writer.append("torso_angular_velocity", readings.torsoRotation.conjugate.rotate(simulation.bodyAngularVelocity(torso)))
        writer.part("foot_forces")
        for foot in feet { writer.add(log1p(simulation.contactNormalForce(onGeom: foot))) }
    }

    public func reward(_ readings: Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let upright = tolerance(readings.torsoRotation.matrix.zz, bounds: (1, .infinity), margin: 2, sigmoid: .linear, valueAtMargin: 0)
        let move = tolerance(readings.forwardSpeed, bounds: (speed, .infinity), margin: speed, sigmoid: .linear, valueAtMargin: 0.5)
        info["upright"] = upright
        info["forward_speed"] = readings.forwardSpeed
        info["move"] = move
        return upright * move
    }
}
