import GaitCore
import GaitPhysics

extension Simulation {
    /// Draws every limited hinge and slide uniformly within its range and, when `rotational`,
    /// every unlimited hinge uniformly in [−π, π]; other coordinates stay at their reference.
    /// The robot is placed at rest (dm_control's `randomize_limited_and_rotational_joints`).
    func randomizeJoints(_ random: inout RandomSource, rotational: Bool) throws(PhysicsError) {
        var q = model.referencePositions
        let offsets = model.positionOffsets
        for (index, joint) in model.joints.enumerated() where joint.kind != .free {
            if let range = joint.range {
                q[offsets[index]] = random.uniform(range)
            } else if rotational && joint.kind == .hinge {
                q[offsets[index]] = random.uniform(-Double.pi ... Double.pi)
            }
        }
        try setPositions(q)
    }

    /// Writes the joint positions (skipping the first `skip`) and then all joint velocities into
    /// `observation` from `start`; returns the index after the last written.
    @discardableResult
    func writeJointState(into observation: inout [Float], from start: Int, skippingPositions skip: Int) -> Int {
        var index = start
        for joint in skip..<model.joints.count {
            observation[index] = Float(jointPosition(joint))
            index += 1
        }
        for joint in model.joints.indices {
            observation[index] = Float(jointVelocity(joint))
            index += 1
        }
        return index
    }
}
