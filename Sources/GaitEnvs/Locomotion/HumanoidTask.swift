import GaitCore
import GaitPhysics

/// dm_control's humanoid family (stand, walk, run) and the stand-up task `humanoid-getup`: keep
/// the head high and the torso upright with small controls, and stand still, move at a speed,
/// or get up from lying on the floor.
public struct HumanoidTask: PhysicsTask {
    /// What the humanoid is rewarded for besides standing tall and upright.
    public enum Goal: Sendable, Hashable {
        /// Stand still (dm_control's `dont_move` on the horizontal centre-of-mass velocity).
        case stand
        /// Move horizontally at `speed` m/s or faster, in any direction.
        case move(speed: Double)
        /// Get up from lying on the back or front (a lying start; no movement term).
        case getUp
    }

    public let substeps: Int
    /// The goal.
    public let goal: Goal
    /// The head height counted as standing.
    public let standHeight: Double
    private let torso: Int
    private let head: BodyPoint
    private let extremities: [BodyPoint]

    /// A humanoid task on `model` (a 3-D robot with a free root) with the given torso body, head
    /// and the extremities whose positions it observes (each a body, geom or site).
    public init(model: Model, goal: Goal, torso: String = "torso", head: String = "head",
                extremities: [String] = ["left_hand", "left_foot", "right_hand", "right_foot"],
                standHeight: Double = 1.4, substeps: Int = 5) throws(TaskError) {
        self.torso = try model.requireBody(torso, for: "humanoid")
        self.head = try model.requirePoint(head, for: "humanoid")
        var limbs: [BodyPoint] = []
        for name in extremities { limbs.append(try model.requirePoint(name, for: "humanoid")) }
        self.extremities = limbs
        try model.requireFreeRoot(for: "humanoid", torso: self.torso)
        self.goal = goal
        self.standHeight = standHeight
        self.substeps = substeps
    }

    /// What the observation and the reward share.
    public struct Readings {
        /// The head's height.
        public let headHeight: Double
        /// The velocity of the torso subtree's centre of mass.
        public let centerOfMassVelocity: Vector3
    }

    /// stand, walk, run: a random pose and orientation at the model's height, drawn again until
    /// nothing touches. getUp: lying on the back or the front, with a random heading and joints
    /// within 10 % of their range around their rest angle, just above the floor.
    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        guard goal == .getUp else {
            try simulation.randomizeJoints(&random, rotational: true)
            if simulation.detectContacts(touching: simulation.model.robotBodies) > 0 {
                throw .unstable(time: 0, body: simulation.model.bodies[torso].name, detail: "the random start touches something")
            }
            return
        }
        let model = simulation.model
        var q = model.referencePositions
        for (index, joint) in model.joints.enumerated() where joint.kind != .free {
            guard let range = joint.range else { continue }
            let rest = min(max(joint.reference, range.lowerBound), range.upperBound)
            let spread = 0.1 * (range.upperBound - range.lowerBound)
            q[model.positionOffsets[index]] = min(max(rest + random.uniform(-spread...spread), range.lowerBound), range.upperBound)
        }
        let pitch = random.unit() < 0.5 ? -Double.pi / 2 : Double.pi / 2
        let heading = random.uniform(-Double.pi ... Double.pi)
        let lying = Quaternion(axis: Vector3(0, 0, 1), angle: heading) * Quaternion(axis: Vector3(0, 1, 0), angle: pitch)
        (q[3], q[4], q[5], q[6]) = (lying.w, lying.x, lying.y, lying.z)
        try simulation.setPositions(q)
        try simulation.lowerOntoFloor()
    }

    public func read(_ simulation: Simulation) -> Readings {
        Readings(headHeight: head.position(in: simulation).z, centerOfMassVelocity: simulation.subtreeLinearVelocity(torso))
    }

    public func observe(_ readings: Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        writer.part("joint_angles")
        simulation.addJointAngles(to: &writer)
        writer.append("head_height", readings.headHeight)
        let frame = simulation.bodyPose(torso)
        writer.part("extremities")
        for limb in extremities { writer.add(frame.rotation.conjugate.rotate(limb.position(in: simulation) - frame.position)) }
        writer.append("torso_vertical", frame.rotation.matrix.zRow)
        writer.append("com_velocity", readings.centerOfMassVelocity)
        writer.part("velocity")
        simulation.addVelocities(to: &writer, includingRoot: true)
    }

    public func reward(_ readings: Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let standing = tolerance(readings.headHeight, bounds: (standHeight, .infinity), margin: standHeight / 4)
        let upright = tolerance(simulation.bodyOrientation(torso).zz, bounds: (0.9, .infinity), margin: 1.9,
                                sigmoid: .linear, valueAtMargin: 0)
        let small = smallControl(actions)
        info["standing"] = standing
        info["upright"] = upright
        info["small_control"] = small
        let stand = small * standing * upright
        let velocity = readings.centerOfMassVelocity
        switch goal {
        case .getUp:
            return stand
        case .stand:
            let dontMove = (tolerance(velocity.x, margin: 2) + tolerance(velocity.y, margin: 2)) / 2
            info["dont_move"] = dontMove
            return stand * dontMove
        case .move(let speed):
            let horizontal = (velocity.x * velocity.x + velocity.y * velocity.y).squareRoot()
            let move = tolerance(horizontal, bounds: (speed, .infinity), margin: speed, sigmoid: .linear, valueAtMargin: 0)
            info["move"] = move
            return stand * (5 * move + 1) / 6
        }
    }
}
