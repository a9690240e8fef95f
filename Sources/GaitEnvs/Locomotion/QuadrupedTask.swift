import Foundation
import GaitCore
import GaitPhysics

/// dm_control's quadruped `Move` task on a 3-D four-legged robot: stay upright and move forward,
/// along the torso's own heading, at `speed` m/s or faster.
///
/// Besides `torso_upright`, the observation has `torso_vertical`, the world's up axis in the
/// torso's frame (what dm_control's quadruped reads from its IMU): without it a robot at rest on
/// its back or side could not tell which way it leans.
public struct QuadrupedTask: PhysicsTask {
    public let substeps: Int
    public let observationParts: [ObservationPart]
    /// The forward speed (m/s) that earns the full reward.
    public let speed: Double
    private let torso: Int
    private let feet: [Int]

    /// A quadruped task on `model` (a 3-D robot with a free root) with the given torso body and
    /// foot geoms.
    public init(model: Model, speed: Double, torso: String = "torso",
                feet: [String] = ["front_left_foot", "front_right_foot", "back_left_foot", "back_right_foot"],
                substeps: Int = 4) throws(TaskError) {
        self.torso = try model.requireBody(torso, for: "quadruped")
        var geoms: [Int] = []
        for name in feet { geoms.append(try model.requireGeom(name, for: "quadruped")) }
        self.feet = geoms
        try model.requireFreeRoot(for: "quadruped")
        self.speed = speed
        self.substeps = substeps
        let hinges = model.joints.count - 1
        observationParts = [
            ObservationPart("joint_angles", size: hinges),
            ObservationPart("joint_velocities", size: hinges),
            ObservationPart("torso_velocity", size: 3),
            ObservationPart("torso_upright", size: 1),
            ObservationPart("torso_vertical", size: 3),
            ObservationPart("torso_angular_velocity", size: 3),
            ObservationPart("foot_forces", size: geoms.count),
        ]
    }

    /// A uniformly random orientation, hinges uniform in their ranges, lowered onto the floor (or
    /// raised until nothing touches), at rest.
    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: true)
        guard try simulation.placeAboveFloor() else {
            throw .unstable(time: 0, body: simulation.model.bodies[torso].name, detail: "no contact-free height for the random start")
        }
    }

    public func observe(_ simulation: Simulation, into observation: inout [Float]) {
        var index = simulation.writeJointAngles(into: &observation, from: 0)
        index = simulation.writeVelocities(into: &observation, from: index, includingRoot: false)
        let frame = simulation.bodyPose(torso).rotation
        index = simulation.write(frame.conjugate.rotate(simulation.bodyLinearVelocity(torso)), into: &observation, at: index)
        let vertical = frame.matrix.zRow
        observation[index] = Float(vertical.z)
        index = simulation.write(vertical, into: &observation, at: index + 1)
        index = simulation.write(frame.conjugate.rotate(simulation.bodyAngularVelocity(torso)), into: &observation, at: index)
        for foot in feet {
            observation[index] = Float(log1p(simulation.contactNormalForce(onGeom: foot)))
            index += 1
        }
    }

    public func reward(_ simulation: Simulation, controls: [Double], info: inout Info) -> Double {
        let frame = simulation.bodyPose(torso).rotation
        let upright = tolerance(frame.matrix.zz, bounds: (1, .infinity), margin: 2, sigmoid: .linear, valueAtMargin: 0)
        let forward = frame.conjugate.rotate(simulation.bodyLinearVelocity(torso)).x
        let move = tolerance(forward, bounds: (speed, .infinity), margin: speed, sigmoid: .linear, valueAtMargin: 0.5)
        info["upright"] = upright
        info["forward_speed"] = forward
        info["move"] = move
        return upright * move
    }
}
