/// How model bodies map onto ODE rigid bodies, computed once per model.
///
/// Each body with joints roots one rigid body ("group"); bodies without joints are welded into
/// their parent's group (or fixed to the world). ODE joins two bodies with one joint, so a body
/// moved by a sequence of k hinges and slides gets k − 1 light "link" bodies between its parent
/// and itself: joint 1 joins the parent to link 1, …, joint k joins link k − 1 to the body. Rigid
/// body indices are the groups first, then the links.
struct BodyLayout {
    /// The ODE bodies one model joint joins (indices into the rigid bodies; parent nil: the world).
    struct Connection {
        let child: Int
        let parent: Int?
    }

    /// A link's mass, as a fraction of the mass of the group it leads to, and its inertia, as the
    /// same fraction of that group's mean principal inertia (plus its joint's armature): small
    /// enough that chains follow the reference dynamics (`MultiJointTests`; at 1e-3 a torque on
    /// a body's low-inertia direction already strayed by 10 %), and the solver, in double
    /// precision, stays stable with it on the humanoid.
    static let linkFraction = 1e-6

    /// The model body that roots each group.
    let roots: [Int]
    /// Each group's mass properties, in its root's frame (the model's masses alone).
    let masses: [MassProperties]
    /// Per model body: the group that carries it; nil when fixed to the world.
    let carriers: [Int?]
    /// Per model body: its frame relative to its carrier's centre-of-mass frame, or its world
    /// pose when fixed to the world.
    let framesInCarrier: [Pose]
    /// Per link: the model joint whose motion it follows (the joint between it and the body or
    /// link before it).
    let links: [Int]
    /// Per rigid body (groups, then links): mass, centre of mass in its frame (group: the root's
    /// frame; link: its joint's anchor in the body frame) and inertia, armature included.
    let rigidMasses: [MassProperties]
    /// Per rigid body: the model body it is (a group's root) or leads to (a link).
    var owners: [Int] { roots + links.map { jointOwners[$0] } }
    /// Per model joint: the body it moves.
    private let jointOwners: [Int]
    /// Per model joint: the rigid bodies it joins; nil for free joints and planar roots, which
    /// ODE simulates without a joint to a parent.
    let connections: [Connection?]
    /// Per group: the group of its root's parent body; nil when that is fixed to the world.
    let parentGroups: [Int?]

    /// Lays out `model`, whose bodies are at `reference` (world poses).
    init(model: Model, reference: [Pose]) {
        var carriers = [Int?](repeating: nil, count: model.bodies.count)
        var frameInGroup = [Pose](repeating: .identity, count: model.bodies.count)
        var roots: [Int] = []
        var masses: [MassProperties] = []
        for (index, body) in model.bodies.enumerated().dropFirst() {
            let parent = body.parent!
            if body.joints.isEmpty {
                carriers[index] = carriers[parent]
                frameInGroup[index] = carriers[parent] == nil ? reference[index]
                    : frameInGroup[parent].composed(with: body.pose)
            } else {
                carriers[index] = roots.count
                roots.append(index)
                masses.append(.zero)
            }
            if let group = carriers[index] {
                masses[group] = masses[group] + body.massProperties.transformed(by: frameInGroup[index])
            }
        }
        self.roots = roots
        self.masses = masses
        self.carriers = carriers
        framesInCarrier = model.bodies.indices.map { index in
            guard let group = carriers[index] else { return frameInGroup[index] }
            return Pose(position: -masses[group].center).composed(with: frameInGroup[index])
        }
        parentGroups = roots.map { carriers[model.bodies[$0].parent!] }

        var links: [Int] = []
        var rigidMasses = masses
        var linkMasses: [MassProperties] = []
        var connections = [Connection?](repeating: nil, count: model.joints.count)
        for (group, root) in roots.enumerated() {
            let body = model.bodies[root]
            guard model.joints[body.joints[0]].kind != .free, !Model.isPlanarRoot(body: body, joints: model.joints)
            else { continue }
            var previous = parentGroups[group]
            for (position, jointIndex) in body.joints.enumerated() {
                let joint = model.joints[jointIndex]
                let isLast = position == body.joints.count - 1
                let child = isLast ? group : roots.count + links.count
                if isLast {
                    rigidMasses[group].inertia = rigidMasses[group].inertia + Self.armatureInertia(of: joint)
                } else {
                    let principal = (masses[group].inertia.xx + masses[group].inertia.yy + masses[group].inertia.zz) / 3
                    links.append(jointIndex)
                    linkMasses.append(MassProperties(
                        mass: Self.linkFraction * masses[group].mass, center: joint.anchor,
                        inertia: .diagonal(Vector3(repeating: Self.linkFraction * principal)) + Self.armatureInertia(of: joint)))
                }
                connections[jointIndex] = Connection(child: child, parent: previous)
                previous = child
            }
        }
        self.links = links
        jointOwners = model.joints.map(\.body)
        self.rigidMasses = rigidMasses + linkMasses
        self.connections = connections
    }

    /// The rotor inertia a joint's armature adds to the body it turns: about a hinge's axis, or
    /// equally about every axis for a ball.
    static func armatureInertia(of joint: Model.Joint) -> Matrix3 {
        switch joint.kind {
        case .hinge:
            let a = joint.axis
            return joint.armature * Matrix3(xx: a.x * a.x, xy: a.x * a.y, xz: a.x * a.z,
                                            yx: a.y * a.x, yy: a.y * a.y, yz: a.y * a.z,
                                            zx: a.z * a.x, zy: a.z * a.y, zz: a.z * a.z)
        case .ball:
            return .diagonal(Vector3(repeating: joint.armature))
        case .slide, .free:
            return .diagonal(.zero)
        }
    }

    /// The world pose of every rigid body's centre-of-mass frame, given the world pose of every
    /// model body and the frame each joint leaves its body in (`Model.kinematics`).
    func rigidPoses(bodies: [Pose], joints: [Pose]) -> [Pose] {
        let groups = zip(roots, masses).map { root, mass in bodies[root].composed(with: Pose(position: mass.center)) }
        let linkPoses = links.indices.map { link in
            joints[self.links[link]].composed(with: Pose(position: rigidMasses[roots.count + link].center))
        }
        return groups + linkPoses
    }
}
