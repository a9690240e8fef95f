extension Model {
    /// The number of generalized position coordinates (MuJoCo's nq).
    public var positionCount: Int { joints.reduce(0) { $0 + $1.positionCount } }

    /// The number of generalized velocity coordinates (MuJoCo's nv).
    public var velocityCount: Int { joints.reduce(0) { $0 + $1.velocityCount } }

    /// Where each joint's coordinates start in a generalized position vector.
    public var positionOffsets: [Int] {
        var offsets: [Int] = []
        var next = 0
        for joint in joints {
            offsets.append(next)
            next += joint.positionCount
        }
        return offsets
    }

    /// The generalized positions of the reference configuration (MuJoCo's qpos0): each hinge and
    /// slide at its `ref`, each free joint at its body's placement.
    public var referencePositions: [Double] {
        var q: [Double] = []
        for joint in joints {
            if joint.kind == .free {
                let pose = bodies[joint.body].pose
                q += [pose.position.x, pose.position.y, pose.position.z,
                      pose.rotation.w, pose.rotation.x, pose.rotation.y, pose.rotation.z]
            } else {
                q.append(joint.reference)
            }
        }
        return q
    }

    /// The world pose of every body's frame for generalized positions `q` (forward kinematics).
    public func bodyPoses(positions q: [Double]) -> [Pose] {
        precondition(q.count == positionCount, "expected \(positionCount) generalized positions, got \(q.count)")
        let offsets = positionOffsets
        var poses = [Pose](repeating: .identity, count: bodies.count)
        for index in bodies.indices.dropFirst() {
            let body = bodies[index]
            var pose = poses[body.parent!].composed(with: body.pose)
            for jointIndex in body.joints {
                let joint = joints[jointIndex]
                let at = offsets[jointIndex]
                switch joint.kind {
                case .free:
                    pose = Pose(position: Vector3(q[at], q[at + 1], q[at + 2]),
                                rotation: Quaternion(w: q[at + 3], x: q[at + 4], y: q[at + 5], z: q[at + 6]).normalized)
                case .hinge:
                    let turn = Pose(rotation: Quaternion(axis: joint.axis, angle: q[at] - joint.reference))
                    let aboutAnchor = Pose(position: joint.anchor).composed(with: turn)
                        .composed(with: Pose(position: -joint.anchor))
                    pose = pose.composed(with: aboutAnchor)
                case .slide:
                    pose = pose.composed(with: Pose(position: joint.axis * (q[at] - joint.reference)))
                }
            }
            poses[index] = pose
        }
        return poses
    }
}
