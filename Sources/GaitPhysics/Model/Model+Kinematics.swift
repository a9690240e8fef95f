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

    /// The first free or ball joint whose orientation quaternion in generalized positions `q`
    /// has no direction to normalize (a length below 1e-10, or overflowing), and where that
    /// quaternion starts in `q`; nil when every one can be normalized.
    public func unnormalizableQuaternion(in q: [Double]) -> (joint: Int, at: Int)? {
        quaternionOffsets.first { _, at in
            let length = Self.quaternionLength(in: q, at: at)
            return !(length >= 1e-10 && length.isFinite)
        }
    }

    /// Each free or ball joint and where its orientation quaternion starts in generalized positions.
    var quaternionOffsets: [(joint: Int, at: Int)] {
        let offsets = positionOffsets
        return joints.indices.compactMap { index in
            switch joints[index].kind {
            case .free: (index, offsets[index] + 3)
            case .ball: (index, offsets[index])
            default: nil
            }
        }
    }

    /// The length of the quaternion that starts at `at` in `q`.
    static func quaternionLength(in q: [Double], at: Int) -> Double {
        q[at..<at + 4].reduce(0) { $0 + $1 * $1 }.squareRoot()
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

    /// How a world `point` moving with `body` answers each degree of freedom at `frames` (from
    /// `kinematics`): per degree of freedom that moves it, its linear velocity and the body's
    /// angular velocity per unit of that degree of freedom's velocity (one column of the point's
    /// Jacobian, MuJoCo's mj_jac).
    func jacobian(at point: Vector3, on body: Int, frames: (bodies: [Pose], joints: [Pose])) -> [(dof: Int, linear: Vector3, angular: Vector3)] {
        var columns: [(dof: Int, linear: Vector3, angular: Vector3)] = []
        var ancestor: Int? = body
        while let current = ancestor, current != 0 {
            for joint in bodies[current].joints {
                let frame = frames.joints[joint], dof = velocityOffsets[joint], definition = joints[joint]
                let anchor = frame.apply(definition.anchor)
                let axes: [(offset: Int, axis: Vector3, turns: Bool, about: Vector3)] = switch definition.kind {
                case .hinge: [(0, frame.rotation.rotate(definition.axis), true, anchor)]
                case .slide: [(0, frame.rotation.rotate(definition.axis), false, anchor)]
                case .ball: (0..<3).map { ($0, frame.rotation.rotate(Self.unit($0)), true, anchor) }
                case .free: (0..<3).map { ($0, Self.unit($0), false, anchor) }
                    + (0..<3).map { (3 + $0, frame.rotation.rotate(Self.unit($0)), true, frame.position) }
                }
                for axis in axes {
                    columns.append((dof + axis.offset, axis.turns ? axis.axis.cross(point - axis.about) : axis.axis,
                                    axis.turns ? axis.axis : .zero))
                }
            }
            ancestor = bodies[current].parent
        }
        return columns
    }

    /// How the distance between two sites answers each degree of freedom in the reference
    /// configuration: a spatial tendon's Jacobian (MuJoCo's `ten_J`), as degrees of freedom and
    /// coefficients.
    func lengthJacobian(between first: Int, and second: Int) -> [(dof: Int, coefficient: Double)] {
        let frames = kinematics(positions: referencePositions)
        let ends = [first, second].map { frames.bodies[sites[$0].body].apply(sites[$0].pose.position) }
        let offset = ends[1] - ends[0]
        guard offset.length > 0 else { return [] }
        let along = offset / offset.length
        var row: [Int: Double] = [:]
        for (index, site) in [first, second].enumerated() {
            let sign = index == 0 ? -1.0 : 1.0
            for column in jacobian(at: ends[index], on: sites[site].body, frames: frames) {
                row[column.dof, default: 0] += sign * along.dot(column.linear)
            }
        }
        return row.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The unit vector along axis `index` (0, 1, 2: x, y, z).
    static func unit(_ index: Int) -> Vector3 {
        [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)][index]
    }

    /// A rotation about a point of the frame.
    static func turn(_ rotation: Quaternion, about point: Vector3) -> Pose {
        Pose(position: point).composed(with: Pose(rotation: rotation)).composed(with: Pose(position: -point))
    }
}
