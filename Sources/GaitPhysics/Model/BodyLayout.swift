/// How model bodies map onto ODE rigid bodies, computed once per model.
///
/// Each body with joints roots one rigid body ("group"); bodies without joints are welded into
/// their parent's group (or fixed to the world). ODE joins two bodies with one joint, so the
/// sequence of hinges and slides that moves a body is cut into segments, each one ODE joint:
/// three hinges at one anchor with mutually perpendicular axes form a gimbal (a ball joint: 3
/// constraint rows instead of a universal joint's and a hinge's 9 and a link), two such hinges a
/// universal joint (4 rows instead of 10 and a link), anything else one hinge or slider. Between
/// segments sit light "link" bodies: segment 1 joins the parent to link 1, …, the last segment
/// joins the last link to the body. Rigid body indices are the groups first, then the links.
struct BodyLayout: Sendable {
    /// The kind of ODE joint a segment is.
    enum Segment: Sendable {
        /// A hinge or slider of its own.
        case single
        /// Two hinges: an ODE universal joint.
        case universal
        /// Three hinges: an ODE ball joint whose coordinates Gait computes (`Gimbal`).
        case gimbal

        /// How many model joints the segment carries.
        var jointCount: Int {
            switch self {
            case .single: 1
            case .universal: 2
            case .gimbal: 3
            }
        }
    }

    /// The ODE joint that carries one model joint: the rigid bodies it joins (parent nil: the
    /// world), the kind of joint, and which of its axes the model joint is.
    struct Connection: Sendable {
        let child: Int
        let parent: Int?
        let segment: Segment
        let axis: Int
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
    /// frame; link: its joint's anchor in the body frame) and inertia, with the armature of the
    /// joints that turn it and have no rotor row.
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
    /// Per model joint: whether its damping is a row of the solver (see `needsImplicitDamping`).
    let implicitlyDamped: [Bool]
    /// Per model joint: whether its armature is a rotor row of the solver (see `hasRotor`).
    let rotors: [Bool]
    /// Per model joint: the damping of the servos whose velocity terms its rotor row takes
    /// implicitly while none is clamped (`Model.implicitServoDamping(ofJoint:)`; 0 without a rotor row).
    let rotorServoDampings: [Double]

    /// The layout of a model without bodies (a placeholder while a model is compiled).
    static let empty = BodyLayout()

    private init() {
        roots = []
        masses = []
        carriers = []
        framesInCarrier = []
        links = []
        rigidMasses = []
        connections = []
        parentGroups = []
        implicitlyDamped = []
        rotors = []
        rotorServoDampings = []
        jointOwners = []
    }

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
        var rotors = [Bool](repeating: false, count: model.joints.count)
        var rotorServoDampings = [Double](repeating: 0, count: model.joints.count)
        for (group, root) in roots.enumerated() {
            let body = model.bodies[root]
            guard model.joints[body.joints[0]].kind != .free, !Model.isPlanarRoot(body: body, joints: model.joints)
            else { continue }
            var previous = parentGroups[group]
            var start = 0
            while start < body.joints.count {
                let next = body.joints[start...].prefix(3).map { model.joints[$0] }
                let kind: Segment = if next.count == 3 && Self.formGimbal(next[0], next[1], next[2]) {
                    .gimbal
                } else if previous != nil && next.count >= 2 && Self.formUniversal(next[0], next[1]) {
                    .universal
                } else {
                    .single
                }
                let segment = Array(body.joints[start..<start + kind.jointCount])
                start += segment.count
                let isLast = start == body.joints.count
                let child = isLast ? group : roots.count + links.count
                if kind == .single {
                    let steadyDamping = model.implicitServoDamping(ofJoint: segment[0], forceLimited: false)
                    rotors[segment[0]] = Self.hasRotor(model.joints[segment[0]], servoDamping: steadyDamping, timestep: model.timestep)
                    if rotors[segment[0]] { rotorServoDampings[segment[0]] = model.implicitServoDamping(ofJoint: segment[0]) }
                }
                let armature = segment.reduce(Matrix3.diagonal(.zero)) { total, joint in
                    rotors[joint] ? total : total + Self.armatureInertia(of: model.joints[joint])
                }
                if isLast {
                    rigidMasses[group].inertia = rigidMasses[group].inertia + armature
                } else {
                    let principal = (masses[group].inertia.xx + masses[group].inertia.yy + masses[group].inertia.zz) / 3
                    links.append(segment.last!)
                    linkMasses.append(MassProperties(
                        mass: Self.linkFraction * masses[group].mass, center: model.joints[segment.last!].anchor,
                        inertia: .diagonal(Vector3(repeating: Self.linkFraction * principal)) + armature))
                }
                for (axis, jointIndex) in segment.enumerated() {
                    connections[jointIndex] = Connection(child: child, parent: previous, segment: kind, axis: axis)
                }
                previous = child
            }
        }
        self.links = links
        jointOwners = model.joints.map(\.body)
        self.rigidMasses = rigidMasses + linkMasses
        self.connections = connections
        self.rotors = rotors
        self.rotorServoDampings = rotorServoDampings
        implicitlyDamped = model.joints.enumerated().map { index, joint in
            guard connections[index] != nil, !rotors[index], let group = carriers[joint.body] else { return false }
            return Self.needsImplicitDamping(joint, carrying: rigidMasses[group], timestep: model.timestep)
        }
    }

    /// Light damping is applied as an explicit torque, which is exact and adds nothing to the
    /// solver. Damping that is heavy for the link it moves (damping × dt above a tenth of the
    /// link's inertia about the axis, or of its mass for a slide) would make explicit
    /// integration unstable; it becomes an implicit damper row in the solver instead.
    static func needsImplicitDamping(_ joint: Model.Joint, carrying link: MassProperties, timestep: Double) -> Bool {
        guard joint.damping > 0, joint.kind == .hinge || joint.kind == .slide else { return false }
        let inertia = joint.kind == .slide ? link.mass : joint.axis.dot(link.inertia * joint.axis)
        return joint.damping * timestep > 0.1 * inertia
    }

    /// Whether two consecutive joints of a body are one ODE universal joint: two hinges at one
    /// anchor with perpendicular axes, measured from their references (`Model.Joint.measuredFrom`)
    /// and with limits that do not follow their turns. (The first axis stays fixed in the parent and the second in
    /// the body, exactly MuJoCo's two hinges applied in order.)
    static func formUniversal(_ first: Model.Joint, _ second: Model.Joint) -> Bool {
        first.kind == .hinge && second.kind == .hinge && first.anchor == second.anchor && abs(first.axis.dot(second.axis)) < 1e-12
            && first.measuredFrom == 0 && second.measuredFrom == 0 && !first.limitsFollowTurns && !second.limitsFollowTurns
    }

    /// How far from its reference a gimbal's middle hinge may turn: its Euler angles stay well
    /// conditioned up to there (at 90° the first and last axes line up).
    static let gimbalMiddleRange = 75 * Double.pi / 180

    /// Whether three consecutive joints of a body are one gimbal: hinges at one anchor with
    /// mutually perpendicular axes, the middle one limited to within `gimbalMiddleRange` of its
    /// reference. Their rotation is then any rotation near the reference, exactly a ball joint's,
    /// and the three angles are its Euler angles about those axes.
    static func formGimbal(_ first: Model.Joint, _ middle: Model.Joint, _ last: Model.Joint) -> Bool {
        guard formUniversal(first, middle), formUniversal(middle, last), formUniversal(first, last),
              let range = middle.range else { return false }
        return max(abs(range.lowerBound - middle.reference), abs(range.upperBound - middle.reference)) <= gimbalMiddleRange
    }

    /// Whether a joint that is an ODE joint of its own gets its armature as MuJoCo does: a rotor
    /// of that inertia (a slide's: that mass) turning at the joint's *relative* rate, so that the motor's torque reaches
    /// the links less what accelerates the rotor. It is a row of the solver (see
    /// `JointDrive.Rotor`), which also carries the joint's damping and `servoDamping`, the
    /// velocity terms of the servos without a force range, taken implicitly
    /// (`Model.implicitServoDamping(ofJoint:forceLimited:)`): a joint with such servos gets the row
    /// without armature too (those with a force range drop out of it in the steps they are clamped). Hinges in universal joints and
    /// gimbals, ball joints, and armature (with h·`servoDamping`) below `minimumRotorArmature` have no such row; their
    /// armature is inertia of the body they turn.
    static func hasRotor(_ joint: Model.Joint, servoDamping: Double, timestep: Double) -> Bool {
        (joint.kind == .hinge || joint.kind == .slide) && joint.armature + timestep * servoDamping >= minimumRotorArmature
    }

    /// The least armature (kg·m²) that gets a rotor row: the row divides the joint's torque by
    /// the armature, which must not overflow for the largest torques a model can state. Less is
    /// negligible next to any body's inertia.
    static let minimumRotorArmature = 1e-9

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

    /// How every rigid body moves, given how every model body and each joint's body once the
    /// joint has moved it move (`Model.twists`).
    func rigidTwists(bodies: [Twist], joints: [Twist]) -> [Twist] {
        roots.map { bodies[$0] } + links.map { joints[$0] }
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
