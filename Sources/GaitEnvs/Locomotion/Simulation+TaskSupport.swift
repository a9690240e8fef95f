import GaitCore
import GaitPhysics

/// Starts and readings the task families share.
extension Simulation {
    /// Draws every limited hinge and slide uniformly within its range and, when `rotational`,
    /// every unlimited hinge uniformly in [−π, π] and every free joint's orientation uniformly
    /// over all rotations; other coordinates, and hinges a coupling holds (which a random draw
    /// would pull apart; the reference meets a coupling held at 0, as dm_control's quadruped's),
    /// stay at their reference. The robot is placed at rest (dm_control's
    /// `randomize_limited_and_rotational_joints`).
    func randomizeJoints(_ random: inout RandomSource, rotational: Bool) throws(PhysicsError) {
        var q = model.referencePositions
        let offsets = model.positionOffsets
        let coupled = coupledJoints
        for (index, joint) in model.joints.enumerated() where !coupled.contains(index) {
            let at = offsets[index]
            switch joint.kind {
            case .hinge, .slide:
                if let range = joint.range {
                    q[at] = random.uniform(range)
                } else if rotational && joint.kind == .hinge {
                    q[at] = random.uniform(-Double.pi ... Double.pi)
                }
            case .free, .ball:
                guard rotational else { continue }
                let turn = Self.randomRotation(&random)
                let first = joint.kind == .free ? at + 3 : at
                (q[first], q[first + 1], q[first + 2], q[first + 3]) = (turn.w, turn.x, turn.y, turn.z)
            }
        }
        try setPositions(q)
    }

    /// A rotation drawn uniformly over all rotations (a normalised 4-D Gaussian).
    static func randomRotation(_ random: inout RandomSource) -> Quaternion {
        Quaternion(w: random.normal(), x: random.normal(), y: random.normal(), z: random.normal()).normalized
    }

    /// The joints a coupling holds (a tendon or joint equality with a share in them), which a
    /// random start leaves where they are.
    var coupledJoints: Set<Int> {
        guard model.switches.equalities else { return [] }
        return Set(model.equalities.compactMap(\.coupling).flatMap { coupling in
            coupling.shares.filter { $0.coefficient != 0 }.map(\.joint)
        })
    }

    /// Starts from `keyframe`, each hinge and slide coordinate (but coupled ones) moved by a draw
    /// uniform in ±`noise` (kept within its range) and each velocity by `noise` times a standard
    /// normal draw: Gymnasium's `reset_noise_scale`.
    func start(at keyframe: Model.Keyframe, noise: Double, random: inout RandomSource) throws(PhysicsError) {
        var q = keyframe.positions, v = keyframe.velocities
        let coupled = coupledJoints
        for (index, joint) in model.joints.enumerated() where noise > 0 && !coupled.contains(index)
            && (joint.kind == .hinge || joint.kind == .slide) {
            let at = model.positionOffsets[index]
            q[at] += random.uniform(-noise...noise)
            if let range = joint.range { q[at] = min(max(q[at], range.lowerBound), range.upperBound) }
        }
        if noise > 0 {
            for index in v.indices { v[index] += noise * random.normal() }
        }
        try setState(positions: q, velocities: v)
    }

    /// Moves the free root (the robot as a whole: the first free joint's body and all below it) up
    /// or down so that its lowest point is `clearance` above the floor (z = 0); returns the
    /// generalized positions it set.
    @discardableResult
    func lowerOntoFloor(clearance: Double = 0.001) throws(PhysicsError) -> [Double] {
        var q = positions()
        if let root = model.joints.firstIndex(where: { $0.kind == .free }) {
            q[model.positionOffsets[root] + 2] += clearance - lowestGeomHeight(of: model.robotBodies)
            try setPositions(q)
        }
        return q
    }

    /// Lowers the robot onto the floor (`lowerOntoFloor`), then raises it in 1 cm steps while any
    /// of its geoms still touches another, up to `tries` times (dm_control's search for a
    /// non-contacting height). Returns false when it found no contact-free height.
    func placeAboveFloor(clearance: Double = 0.001, tries: Int = 100) throws(PhysicsError) -> Bool {
        guard let root = model.joints.firstIndex(where: { $0.kind == .free }) else { return detectContacts() == 0 }
        let robot = model.robotBodies
        var q = try lowerOntoFloor(clearance: clearance)
        for _ in 0..<tries {
            if detectContacts(touching: robot) == 0 { return true }
            q[model.positionOffsets[root] + 2] += 0.01
            try setPositions(q)
        }
        return false
    }

    /// Writes the parts `position`, the joint positions without the first `skip` joints, and
    /// `velocity`, all generalized velocities.
    func appendJointState(to writer: inout ObservationWriter, skippingPositions skip: Int) {
        writer.part("position")
        for joint in skip..<model.joints.count { writer.add(jointPosition(joint)) }
        writer.part("velocity")
        addVelocities(to: &writer, includingRoot: true)
    }

    /// Adds the hinge and slide coordinates (MuJoCo's qpos without the free root) to the
    /// writer's current part.
    func addJointAngles(to writer: inout ObservationWriter) {
        for joint in model.joints.indices where model.joints[joint].kind != .free { writer.add(jointPosition(joint)) }
    }

    /// Adds the generalized velocities in MuJoCo's qvel layout (a free root: linear velocity in
    /// world coordinates, angular velocity in body coordinates) to the writer's current part,
    /// skipping the free root when `includingRoot` is false.
    func addVelocities(to writer: inout ObservationWriter, includingRoot: Bool) {
        for (joint, description) in model.joints.enumerated() {
            guard description.kind == .free else {
                writer.add(jointVelocity(joint))
                continue
            }
            guard includingRoot else { continue }
            let (linear, angular) = freeJointVelocity(joint)
            writer.add(linear)
            writer.add(angular)
        }
    }
}
