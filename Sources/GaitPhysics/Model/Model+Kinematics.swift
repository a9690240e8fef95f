extension Model {
    /// The generalized positions of the reference configuration (MuJoCo's qpos0): each hinge and
    /// slide at its `ref`, each ball joint unturned, each free joint at its body's placement.
    public var referencePositions: [Double] {
        var q: [Double] = []
        for joint in joints {
            switch joint.kind {
            case .free:
                let pose = bodies[joint.body].pose
                q += [pose.position.x, pose.position.y, pose.position.z,
                      pose.rotation.w, pose.rotation.x, pose.rotation.y, pose.rotation.z]
            case .ball:
                q += [1, 0, 0, 0]
            case .hinge, .slide:
                q.append(joint.reference)
            }
        }
        return q
    }

    /// The world pose of every body's frame for generalized positions `q` (forward kinematics).
    public func bodyPoses(positions q: [Double]) -> [Pose] { kinematics(positions: q).bodies }

    /// Forward kinematics: the world pose of every body's frame and, per joint, the frame of its
    /// body once this joint and the body's joints before it have moved it (MuJoCo applies a
    /// body's joints in order, each in the frame the previous ones left).
    func kinematics(positions q: [Double]) -> (bodies: [Pose], joints: [Pose]) {
        precondition(q.count == positionCount, "expected \(positionCount) generalized positions, got \(q.count)")
        let offsets = positionOffsets
        var poses = [Pose](repeating: .identity, count: bodies.count)
        var jointFrames = [Pose](repeating: .identity, count: joints.count)
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
                case .ball:
                    let turn = Quaternion(w: q[at], x: q[at + 1], y: q[at + 2], z: q[at + 3]).normalized
                    pose = pose.composed(with: Self.turn(turn, about: joint.anchor))
                case .hinge:
                    pose = pose.composed(with: Self.turn(Quaternion(axis: joint.axis, angle: q[at] - joint.reference),
                                                         about: joint.anchor))
                case .slide:
                    pose = pose.composed(with: Pose(position: joint.axis * (q[at] - joint.reference)))
                }
                jointFrames[jointIndex] = pose
            }
            poses[index] = pose
        }
        return (poses, jointFrames)
    }

    /// How every body moves, and per joint how its body moves once this joint and the body's
    /// joints before it move it, at the poses `frames` (`kinematics(positions:)`) and generalized
    /// velocities `v` (MuJoCo's qvel layout: a free joint's linear velocity in world coordinates,
    /// its and a ball joint's angular velocity in their body's).
    func twists(at frames: (bodies: [Pose], joints: [Pose]), velocities v: [Double]) -> (bodies: [Twist], joints: [Twist]) {
        precondition(v.count == velocityCount, "expected \(velocityCount) generalized velocities, got \(v.count)")
        var bodyTwists = [Twist](repeating: .zero, count: bodies.count)
        var jointTwists = [Twist](repeating: .zero, count: joints.count)
        for index in bodies.indices.dropFirst() {
            var twist = bodyTwists[bodies[index].parent!]
            let pose = frames.bodies[index]
            for jointIndex in bodies[index].joints {
                let joint = joints[jointIndex], frame = frames.joints[jointIndex], at = velocityOffsets[jointIndex]
                switch joint.kind {
                case .free:
                    let rate = pose.rotation.rotate(Vector3(v[at + 3], v[at + 4], v[at + 5]))
                    twist = Twist(angular: rate, linear: Vector3(v[at], v[at + 1], v[at + 2]) - rate.cross(pose.position))
                case .ball:
                    twist = twist + Twist(turningAt: pose.rotation.rotate(Vector3(v[at], v[at + 1], v[at + 2])), about: frame.apply(joint.anchor))
                case .hinge:
                    twist = twist + Twist(turningAt: frame.rotation.rotate(joint.axis) * v[at], about: frame.apply(joint.anchor))
                case .slide:
                    twist = twist + Twist(angular: .zero, linear: frame.rotation.rotate(joint.axis) * v[at])
                }
                jointTwists[jointIndex] = twist
            }
            bodyTwists[index] = twist
        }
        return (bodyTwists, jointTwists)
    }

    /// A rotation about a point of the frame.
    private static func turn(_ rotation: Quaternion, about point: Vector3) -> Pose {
        Pose(position: point).composed(with: Pose(rotation: rotation)).composed(with: Pose(position: -point))
    }
}
