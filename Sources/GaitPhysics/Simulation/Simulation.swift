internal import CODEShims

/// One running instance of a `Model`: its own ODE world, bodies, joints and contacts.
///
/// Stepping uses ODE's exact Dantzig stepper (`dWorldStep`), which, unlike the quick-step solver,
/// uses no process-global random generator: the same model, state and controls give bit-identical
/// results, also when simulations step concurrently on different threads. A simulation is not
/// `Sendable`; create and use it on one thread.
public final class Simulation {
    /// The model this simulation instantiates.
    public let model: Model
    /// The simulation time in seconds.
    public private(set) var time: Double = 0

    /// Bodies below this linear speed (m/s) and angular speed (rad/s) count as stable.
    public static let speedLimits = (linear: 1_000.0, angular: 10_000.0)
    /// The farthest a restored body may be from the origin (m): MJCF coordinates are at most 1e6.
    public static let positionLimit = 1e7
    /// The largest activation a restored state may hold where the actuator's `actrange` leaves it unclamped.
    public static let activationLimit = 1e9
    /// The longest time a restored state may have reached (s).
    public static let timeLimit = 1e9
    /// How far a restored state's bodies may be from where the joints hold them (the most seen in
    /// 1,500 random-action steps of each built-in robot is 0.018 m and 0.064 rad, the humanoid's).
    public static let jointTolerance = (distance: 0.1, angle: 0.5)

    private let world: World
    private let space: Space
    private let collider: Collider
    /// Per model geom, its ODE geom.
    let geoms: [Geom]
    /// Cast by rangefinders.
    let ray = Ray()
    /// The ODE bodies: one per group of welded model bodies, then the light links between the
    /// joints of bodies moved by several (see `BodyLayout`).
    let rigidBodies: [Body]
    /// Per model joint: the ODE joint of a hinge or slide (nil for free, ball and planar roots);
    /// the hinges of a universal joint or a gimbal share it.
    let odeJoints: [(any JointCoordinates)?]
    /// Per model joint: which axis of its ODE joint it is.
    let odeAxes: [Int]
    /// The gimbals among `odeJoints`, which need their rows set before every step.
    private let gimbals: [Gimbal]
    /// Every other ODE joint the simulation owns: ball joints, plane constraints and equality
    /// constraints.
    private let constraints: [Joint]
    /// Implicit viscous dampers, one per heavily damped hinge or slide.
    private let dampers: [Joint]
    /// A connect constraint's ball joint, with its softness and the sum of its bodies'
    /// translational inverse weights.
    private struct SoftConnect {
        let joint: Joint
        let softness: Model.Softness
        let weight: Double
    }
    /// A limited coordinate: its ODE joint and axis, its stops (in the ODE joint's coordinates,
    /// margins taken in), its softness and inverse weight (MuJoCo's dof_invweight0), and for a
    /// hinge whose range is wider than a turn (`Model.Joint.limitsFollowTurns`) the model joint
    /// whose whole turns move ODE's stops.
    private struct SoftLimit {
        let joint: any JointCoordinates
        let axis: Int
        let stops: ClosedRange<Double>
        let softness: Model.Softness
        let weight: Double
        let turningHinge: Int?
    }
    /// With soft constraints, the connects, whose rows are set before every step.
    private let softConnects: [SoftConnect]
    /// The couplings (joint and tendon equalities), whose rows are set before every step.
    private let couplings: [CouplingMotor]
    /// The couplings held in joint space (see `JointSpaceCoupling`).
    private let jointSpaceCouplings: [JointSpaceCoupling]
    /// Whether any force depends on the state within a step (servos, tendon springs, couplings
    /// in joint space): `jointForces` is then rebuilt every sub-step.
    private let hasStateForces: Bool
    /// With soft constraints, the limited coordinates, whose rows are set before every step.
    private let softLimits: [SoftLimit]
    /// ODE bodies constrained to the plane, re-projected after every sub-step.
    private let planarBodies: [Int]
    /// The orientation last handed to ODE for each body (ODE normalises on the way in; keeping
    /// the input lets a restored snapshot reproduce the live state exactly).
    private var orientationInputs: [Quaternion]
    private var jointForces: [Double]
    /// The joints that get a force every sub-step: springs, explicit damping and rotors (actuated
    /// joints too, for their `jointForces`).
    private let drives: [JointDrive]
    /// Per actuator: its transmission, gear, control range and gain, as `model.actuators` (read once).
    private let actuators: [(transmission: [Model.Actuator.Transmission], gear: Double, range: ClosedRange<Double>?, gain: Double)]
    /// Per actuator whose force depends on its joints' state (`Model.Actuator.dependsOnState`):
    /// its index, each joint's ODE joint, axis, reference and coefficient, its bias terms, its
    /// force range and, when a rotor row takes its velocity term implicitly and the force range may
    /// clamp it, that joint and the damping the servo adds to it (dropped in the steps it is clamped).
    private let servos: [(index: Int, joints: [(joint: any JointCoordinates, axis: Int, index: Int, reference: Double, coefficient: Double)],
                          bias: (constant: Double, position: Double, velocity: Double), forceRange: ClosedRange<Double>?,
                          clampableDamping: (joint: Int, damping: Double)?)]
    /// Per joint: the implicit damping of its servos that their force ranges clamp in this sub-step.
    private var clampedServoDampings: [Double]
    /// The joints whose rotor rows take force-limited servos' velocity terms.
    private let jointsWithForceLimitedServos: [Int]
    /// The last controls, clamped, for the servos' forces every sub-step.
    private var clampedControls: [Double]
    /// The generalized forces of the controls on every actuator but the servos (when there are
    /// servos, `jointForces` starts from it every sub-step).
    private var controlForces: [Double]
    /// Whether each actuator is a servo.
    private let isServo: [Bool]
    /// The joints whose actuators' total force is clamped (`Model.Joint.actuatorForceRange`).
    private let actuatorForceLimits: [(joint: Int, range: ClosedRange<Double>)]
    /// The actuators with activation dynamics.
    private let activatedIndices: [Int]
    /// Per actuator: its activation (MuJoCo's `act`; 0 without dynamics), kept in the state.
    private var activations: [Double]
    /// Ball joints with damping (applied as explicit torques on both bodies).
    private let dampedBalls: [Int]
    /// Free joints with damping, and their rigid bodies.
    private let freeJointDampers: [(damper: FreeJointDamper, rigid: Body)]
    /// The spatial tendon limits whose sites lie on two different rigid bodies (one on a single
    /// rigid body cannot change length), with each site's model body and rigid body (nil: the world).
    private let tendonLimits: [(limit: Model.TendonLimit, bodies: (Int, Int), rigid: (Body?, Body?))]
    /// The drag of the model's fluid on each moving body with mass, and the body's rigid body.
    private let fluidDrags: [(drag: FluidDrag, rigid: Body)]
    /// The rigid bodies' ODE ids, and room for their states before a step (to take it again).
    private let bodyIDs: [OpaquePointer?]
    private var savedBodies: [Double]
    /// Room for `gait_largest_island_contacts`.
    private var islandScratch: [Int32]
    private var failure: PhysicsError?
    /// The whole turns of the hinges no limit keeps within half a turn, which ODE's angle lacks.
    private(set) var turns: HingeTurns
    /// Per rigid body, its linear and angular velocity (ODE frame) before the last physics step,
    /// for accelerometers and acceleration sensors; empty when the model has none.
    private(set) var velocitiesBeforeStep: [(linear: Vector3, angular: Vector3)] = []

    /// Builds the simulation in the model's reference configuration, at rest, at time 0.
    public init(model shared: Model) {
        let model = shared.independentCopy()
        self.model = model
        gait_ode_prepare_thread()
        let reference = model.kinematics(positions: model.referencePositions)
        let layout = model.layout
        let world = World(gravity: model.switches.gravity ? model.gravity : .zero)
        let space = Space(geoms: model.geoms.count)
        let rigidBodies = zip(layout.rigidMasses, layout.rigidPoses(bodies: reference.bodies, joints: reference.joints))
            .map { mass, pose in
                let body = Body(world: world, mass: mass.mass, inertia: mass.inertia)
                body.position = ODEFrame.toODE(pose.position)
                body.quaternion = ODEFrame.toODE(pose.rotation)
                return body
            }
        geoms = model.geoms.enumerated().map { index, geom in
            let frame = layout.framesInCarrier[geom.body].composed(with: geom.pose)
            if let group = layout.carriers[geom.body] {
                let placed = Geom(shape: geom.shape, index: index, space: space, body: rigidBodies[group])
                placed.setOffset(frame)
                return placed
            }
            let odePose = Pose(position: ODEFrame.toODE(frame.position), rotation: ODEFrame.toODE(frame.rotation))
            let normal = ODEFrame.toODE(frame.rotation.rotate(Vector3(0, 0, 1)))
            let placed = Geom(shape: geom.shape, index: index, space: space, plane: (normal, normal.dot(odePose.position)))
            if geom.shape != .plane { placed.place(at: odePose) }
            return placed
        }

        var constraints: [Joint] = []
        var dampers: [Joint] = []
        var softLimits: [SoftLimit] = []
        var planarBodies: [Int] = []
        var odeJoints = [(any JointCoordinates)?](repeating: nil, count: model.joints.count)
        var gimbals: [Gimbal] = []
        var odeAxes = [Int](repeating: 0, count: model.joints.count)
        var explicitlyDamped = [Bool](repeating: false, count: model.joints.count)
        var rotors = [JointDrive.Rotor?](repeating: nil, count: model.joints.count)
        let forceLimitedJoints = Set(model.actuators.indices.filter { model.actuators[$0].forceRange != nil }
            .compactMap { model.implicitlyDampedJoint(ofActuator: $0) })
        for (group, root) in layout.roots.enumerated() where Model.isPlanarRoot(body: model.bodies[root], joints: model.joints) {
            constraints.append(Joint(.plane, world: world, body: rigidBodies[group], parent: nil))
            planarBodies.append(group)
        }
        for (jointIndex, joint) in model.joints.enumerated() {
            guard let connection = layout.connections[jointIndex] else { continue }
            let root = joint.body
            let child = rigidBodies[connection.child], parent = connection.parent.map { rigidBodies[$0] }
            func worldAxis(_ member: Int) -> Vector3 {
                ODEFrame.toODE(reference.bodies[root].rotation.rotate(model.joints[member].axis))
            }
            let anchor = ODEFrame.toODE(reference.bodies[root].apply(joint.anchor))
            let axis = worldAxis(jointIndex)
            guard joint.kind != .ball else {
                constraints.append(Joint(.ball, world: world, body: child, parent: parent, anchor: anchor))
                continue
            }
            let siblings = model.bodies[root].joints
            let position = siblings.firstIndex(of: jointIndex)!
            let odeJoint: any JointCoordinates
            switch (connection.segment, connection.axis) {
            case (.single, _):
                odeJoint = Joint(joint.kind == .hinge ? .hinge : .slider, world: world, body: child, parent: parent,
                                 anchor: anchor, axis: axis, measuredFrom: joint.measuredFrom)
            case (.universal, 0):
                odeJoint = Joint(.universal, world: world, body: child, parent: parent, anchor: anchor, axis: axis,
                                 secondAxis: worldAxis(siblings[position + 1]))
            case (.gimbal, 0):
                let members = siblings[position..<position + 3]
                let gimbal = Gimbal(world: world, body: child, parent: parent, anchor: anchor, axes: members.map(worldAxis),
                                    damping: Vector3(members.map { layout.implicitlyDamped[$0] ? model.joints[$0].damping : 0 }))
                gimbals.append(gimbal)
                odeJoint = gimbal
            default:
                odeJoint = odeJoints[siblings[position - connection.axis]]!
            }
            if model.switches.limits, let range = joint.range {
                let stops = (range.lowerBound + joint.limitMargin - joint.reference)...(range.upperBound - joint.limitMargin - joint.reference)
                odeJoint.setLimits(stops, axis: connection.axis)
                softLimits.append(SoftLimit(joint: odeJoint, axis: connection.axis, stops: stops, softness: joint.limitSoftness,
                                            weight: model.inverseWeights.dofs[model.velocityOffsets[jointIndex]],
                                            turningHinge: joint.limitsFollowTurns ? jointIndex : nil))
            }
            if model.switches.frictionLoss, joint.frictionLoss > 0, let carrier = odeJoint as? Joint {
                carrier.setFriction(joint.frictionLoss, axis: connection.axis)
            }
            odeJoints[jointIndex] = odeJoint
            odeAxes[jointIndex] = connection.axis
            if layout.rotors[jointIndex] {
                let row = Joint(joint.kind == .hinge ? .angularDamper : .linearDamper, world: world, body: child, parent: parent, axis: axis)
                rotors[jointIndex] = JointDrive.Rotor(row: row, armature: joint.armature, damping: joint.damping,
                                                      servoDamping: layout.rotorServoDampings[jointIndex],
                                                      hasForceLimitedServos: forceLimitedJoints.contains(jointIndex),
                                                      timestep: model.timestep)
            } else if !layout.implicitlyDamped[jointIndex] {
                explicitlyDamped[jointIndex] = joint.damping > 0
            } else if connection.segment != .gimbal {
                let damper = Joint(joint.kind == .hinge ? .angularDamper : .linearDamper, world: world, body: child,
                                   parent: parent, axis: axis, axisInParent: connection.segment == .universal && connection.axis == 0)
                damper.setDamping(joint.damping)
                dampers.append(damper)
            }
        }
        var softConnects: [SoftConnect] = []
        var couplings: [CouplingMotor] = []
        var jointSpaceCouplings: [JointSpaceCoupling] = []
        for equality in model.equalities where model.switches.equalities {
            if let coupling = equality.coupling, coupling.axis == nil {
                jointSpaceCouplings.append(JointSpaceCoupling(coupling, softness: equality.softness))
                continue
            }
            guard let joint = Self.equalityJoint(for: equality, model: model, world: world, rigidBodies: rigidBodies) else { continue }
            if let coupling = equality.coupling {
                couplings.append(CouplingMotor(motor: joint, coupling: coupling, joints: odeJoints, axes: odeAxes,
                                               softness: equality.softness))
                continue
            }
            constraints.append(joint)
            let weights = model.inverseWeights.bodies
            let weight = weights[equality.bodies.first].translation + weights[equality.bodies.second].translation
            if equality.kind == .connect {
                softConnects.append(SoftConnect(joint: joint, softness: equality.softness, weight: weight))
            } else {
                let row = equality.softness.row(depth: 0, timestep: model.timestep, weight: weight)
                joint.setSoftness(erp: row.erp, cfm: row.cfm)
            }
        }
        self.world = world
        self.space = space
        self.rigidBodies = rigidBodies
        bodyIDs = rigidBodies.map(\.id)
        savedBodies = [Double](repeating: 0, count: Int(GAIT_SAVED_PER_BODY) * rigidBodies.count)
        islandScratch = [Int32](repeating: 0, count: 2 * rigidBodies.count)
        self.odeJoints = odeJoints
        self.odeAxes = odeAxes
        self.gimbals = gimbals
        self.constraints = constraints
        self.dampers = dampers
        self.softLimits = softLimits
        self.softConnects = softConnects
        self.couplings = couplings
        self.jointSpaceCouplings = jointSpaceCouplings
        self.planarBodies = planarBodies
        collider = Collider(world: world, geoms: model.geoms, carriers: layout.carriers, parentGroups: layout.parentGroups,
                            excluded: model.excludedContacts, contactPairs: model.contactPairs,
                            timestep: model.timestep, impedanceRatio: model.impedanceRatio, ellipticCone: model.ellipticCone,
                            weights: model.inverseWeights.bodies.map(\.translation))
        jointForces = [Double](repeating: 0, count: model.joints.count)
        drives = model.joints.indices.compactMap { index in
            let joint = model.joints[index]
            guard let odeJoint = odeJoints[index], joint.stiffness != 0 || explicitlyDamped[index] || rotors[index] != nil
                    || model.actuators.contains(where: { $0.transmission.contains { $0.joint == index } })
                    || model.tendonSprings.contains(where: { $0.terms.contains { $0.joint == index } })
                    || jointSpaceCouplings.contains(where: { $0.terms.contains { $0.joint == index } }) else { return nil }
            return JointDrive(index: index, joint: odeJoint, axis: odeAxes[index], damping: explicitlyDamped[index] ? joint.damping : 0,
                              stiffness: joint.stiffness, reference: joint.reference - joint.springReference, rotor: rotors[index])
        }
        actuators = model.actuators.map { ($0.transmission, $0.gear, $0.controlRange, $0.gain) }
        servos = model.actuators.indices.filter { model.actuators[$0].dependsOnState }.map { index in
            let actuator = model.actuators[index]
            let joints = actuator.transmission.map { member in
                (odeJoints[member.joint]!, odeAxes[member.joint], member.joint, model.joints[member.joint].reference, member.coefficient)
            }
            let clampable = actuator.forceRange == nil ? nil
                : model.implicitlyDampedJoint(ofActuator: index).map { ($0, model.implicitServoDamping(ofActuator: index)) }
            return (index, joints, (actuator.biasConstant, actuator.biasPosition, actuator.biasVelocity), actuator.forceRange,
                    clampable)
        }
        clampedServoDampings = [Double](repeating: 0, count: model.joints.count)
        jointsWithForceLimitedServos = forceLimitedJoints.sorted()
        clampedControls = [Double](repeating: 0, count: model.actuators.count)
        controlForces = [Double](repeating: 0, count: model.joints.count)
        isServo = model.actuators.map(\.dependsOnState)
        actuatorForceLimits = model.joints.indices.compactMap { index in model.joints[index].actuatorForceRange.map { (index, $0) } }
        activatedIndices = model.actuators.indices.filter { model.actuators[$0].dynamics != .none }
        activations = [Double](repeating: 0, count: model.actuators.count)
        dampedBalls = model.joints.indices.filter { model.joints[$0].kind == .ball && model.joints[$0].damping > 0 }
        freeJointDampers = model.joints.compactMap { [layout] joint in
            guard joint.kind == .free, joint.damping > 0, let group = layout.carriers[joint.body] else { return nil }
            return (FreeJointDamper(body: joint.body, damping: joint.damping, mass: layout.rigidMasses[group],
                                    timestep: model.timestep, gravity: model.switches.gravity ? model.gravity : .zero),
                    rigidBodies[group])
        }
        tendonLimits = model.tendonLimits.compactMap { [layout] limit in
            let bodies = (model.sites[limit.sites[0]].body, model.sites[limit.sites[1]].body)
            let carriers = (layout.carriers[bodies.0], layout.carriers[bodies.1])
            guard carriers.0 != carriers.1 else { return nil }
            return (limit, bodies, (carriers.0.map { rigidBodies[$0] }, carriers.1.map { rigidBodies[$0] }))
        }
        hasStateForces = !servos.isEmpty || !model.tendonSprings.isEmpty || !jointSpaceCouplings.isEmpty
        fluidDrags = !model.fluid.exertsForce ? [] : model.bodies.indices.compactMap { [layout] body in
            guard let group = layout.carriers[body],
                  let drag = FluidDrag(body: body, mass: model.bodies[body].massProperties, fluid: model.fluid) else { return nil }
            return (drag, rigidBodies[group])
        }
        orientationInputs = rigidBodies.map(\.quaternion)
        turns = HingeTurns(model: model)
        if model.sensors.contains(where: { [.accelerometer, .framelinacc, .frameangacc, .force, .torque].contains($0.kind) }) {
            velocitiesBeforeStep = rigidBodies.map { ($0.linearVelocity, $0.angularVelocity) }
        }
        turns.set(coordinate: { model.joints[$0].reference }, angle: measuredPosition)  // a hinge's qpos0 is its ref
    }

    /// The ODE joint that holds an equality constraint: a ball joint at a connect's points, a
    /// fixed joint for a weld, an angular motor about a coupling's axis (see `CouplingMotor`);
    /// nil when its bodies move as one already (welded to one ODE body, or both fixed to the world).
    private static func equalityJoint(for equality: Model.Equality, model: Model, world: World, rigidBodies: [Body]) -> Joint? {
        let carriers = model.layout.carriers
        let first = carriers[equality.bodies.first].map { rigidBodies[$0] }
        let second = carriers[equality.bodies.second].map { rigidBodies[$0] }
        guard first !== second, let body = second ?? first else { return nil }
        let parent = second == nil ? nil : first
        switch equality.kind {
        case .connect:
            let (own, other) = second == nil ? (equality.firstPoint, equality.secondPoint) : (equality.secondPoint, equality.firstPoint)
            let joint = Joint(.ball, world: world, body: body, parent: parent, anchor: ODEFrame.toODE(own))
            joint.setParentAnchor(ODEFrame.toODE(other))
            return joint
        case .weld:
            return Joint(.fixed, world: world, body: body, parent: parent)
        case .coupling:
            return Joint(.angularDamper, world: world, body: body, parent: parent, axis: ODEFrame.toODE(equality.coupling!.axis!))
        }
    }

    /// How the model maps onto ODE (computed with the model).
    var layout: BodyLayout { model.layout }

    /// True when the model moves in the x-z plane (see `Model.isPlanar`).
    public var isPlanar: Bool { !planarBodies.isEmpty }

    /// The contact rows of the last sub-step (four per point of a friction cone, one per
    /// frictionless point), each with its force and the point's normal.
    var contacts: UnsafeMutableBufferPointer<GaitContact> { collider.recorded }

    /// The number of contact rows made in the last sub-step (four per point of a friction cone).
    public var contactCount: Int { collider.count }

    /// Runs collision detection on the current pose without stepping and returns how many
    /// contact points it finds (self-contacts included), or with `bodies` how many touch one of
    /// them: a reset's test for a start that touches nothing.
    public func detectContacts(touching bodies: Set<Int>? = nil) -> Int {
        gait_ode_prepare_thread()
        // (A failure leaves the contacts found so far; the next step reports it.)
        if model.switches.contacts { _ = collider.collide(space) }
        var found = collider.points
        if let bodies {
            // Points past the record's capacity are counted as touching.
            found -= collider.recorded.count { contact in
                contact.leads == 1 && !bodies.contains(model.geoms[Int(contact.geom1)].body) && !bodies.contains(model.geoms[Int(contact.geom2)].body)
            }
        }
        collider.clear()
        collider.forget()
        return found
    }

    // MARK: - Stepping

    /// Advances `substeps` physics steps of `model.timestep`, applying gear × control on each
    /// actuator's joint (controls clamped to their ranges), joint springs and joint damping as
    /// generalized forces every sub-step (heavy damping, and a hinge's armature with its damping
    /// and forces, through the solver; see `BodyLayout.needsImplicitDamping` and
    /// `BodyLayout.hasRotor`).
    ///
    /// Throws `PhysicsError.unstable` when the state blows up; the simulation then refuses to step
    /// until a state is restored or positions are set.
    public func step(controls: [Double], substeps: Int = 1) throws(PhysicsError) {
        guard controls.count == model.actuators.count else {
            throw .wrongControlCount(expected: model.actuators.count, got: controls.count)
        }
        if let failure { throw failure }
        gait_ode_prepare_thread()
        for index in jointForces.indices { jointForces[index] = 0 }
        for (index, actuator) in actuators.enumerated() {
            let control = controls[index]
            guard control.isFinite else { throw .nonFiniteControl(index: index) }
            let clamped = actuator.range.map { min(max(control, $0.lowerBound), $0.upperBound) } ?? control
            clampedControls[index] = clamped
            guard !isServo[index] else { continue }
            for member in actuator.transmission {
                jointForces[member.joint] += actuator.gear * member.coefficient * (actuator.gain * clamped)
            }
        }
        if hasStateForces {
            for index in jointForces.indices { controlForces[index] = jointForces[index] }
        } else {
            clampActuatorForces()
        }
        for _ in 0..<substeps {
            applyStateForces()
            for drive in drives {
                var force = jointForces[drive.index]
                if drive.damping != 0 { force -= drive.damping * drive.joint.rate(axis: drive.axis) }
                if drive.stiffness != 0 {
                    force -= drive.stiffness * (drive.reference + turns.unwrapped(drive.joint.position(axis: drive.axis), joint: drive.index))
                }
                if let rotor = drive.rotor {
                    rotor.prepareStep(force: force, rate: drive.joint.rate(axis: drive.axis), clampedDamping: clampedServoDampings[drive.index])
                } else {
                    drive.joint.addForce(force, axis: drive.axis)
                }
            }
            for index in dampedBalls { dampBall(index) }
            for (damper, rigid) in freeJointDampers {
                let origin = bodyPosition(damper.body)
                let damping = damper.wrench(rotation: bodyPose(damper.body).rotation, linear: bodyLinearVelocity(damper.body),
                                            angular: bodyAngularVelocity(damper.body))
                rigid.addForce(ODEFrame.toODE(damping.force), atWorldPoint: ODEFrame.toODE(origin))
                rigid.addTorque(ODEFrame.toODE(damping.torque))
            }
            for (drag, rigid) in fluidDrags {
                let frame = bodyPose(drag.body).composed(with: drag.principalFrame)
                let wrench = drag.wrench(axes: frame.rotation, velocity: velocity(ofPoint: frame.position, onBody: drag.body),
                                         angularVelocity: bodyAngularVelocity(drag.body), wind: model.fluid.wind)
                rigid.addForce(ODEFrame.toODE(wrench.force), atWorldPoint: ODEFrame.toODE(frame.position))
                rigid.addTorque(ODEFrame.toODE(wrench.torque))
            }
            for gimbal in gimbals { gimbal.prepareStep() }
            softenLimits()
            softenConnects()
            for coupling in couplings { coupling.prepareStep(timestep: model.timestep, turns: turns) }
            for index in velocitiesBeforeStep.indices {
                velocitiesBeforeStep[index] = (rigidBodies[index].linearVelocity, rigidBodies[index].angularVelocity)
            }
            let failures = gait_ode_lcp_failures()
            if model.switches.contacts { gait_bodies_save(bodyIDs, Int32(bodyIDs.count), &savedBodies) }
            var problem = collideAndStep()
            if problem == nil, model.switches.contacts, gait_ode_lcp_failures() != failures {
                // ODE's solver gave up on a tie between contact rows: the step again, ties broken.
                gait_bodies_restore(bodyIDs, Int32(bodyIDs.count), savedBodies)
                collider.clear()
                collider.breaksTies = true
                problem = collideAndStep()
                collider.breaksTies = false
            }
            for gimbal in gimbals { gimbal.invalidate() }
            collider.clear()
            if let problem {
                collider.forget()
                failure = problem
                throw problem
            }
            for group in planarBodies { projectIntoPlane(rigidBodies[group]) }
            for index in activatedIndices {
                activations[index] = model.actuators[index].nextActivation(activations[index], control: clampedControls[index], timestep: model.timestep)
            }
            time += model.timestep
            if let problem = instability() {
                failure = problem
                throw problem
            }
            turns.count(angle: measuredPosition)
        }
        for (index, body) in rigidBodies.enumerated() {
            orientationInputs[index] = body.quaternion
            body.quaternion = orientationInputs[index]
        }
    }

    /// The generalized force on a hinge or slide from its spring, its damping and gravity (the
    /// weight of everything it moves, about or along its axis as it now lies).
    private func passiveForce(on joint: Int) -> Double {
        let definition = model.joints[joint], position = jointPosition(joint)
        var force = -definition.stiffness * (position - definition.springReference) - definition.damping * jointVelocity(joint)
        guard model.switches.gravity else { return force }
        // The joint's frame: its body's, less the turns and shifts of the joints after it on the body.
        var frame = bodyPose(definition.body)
        for later in model.bodies[definition.body].joints.reversed() {
            guard later != joint else { break }
            let next = model.joints[later], turn = jointPosition(later) - next.reference
            frame = frame.composed(with: next.kind == .hinge ? Model.turn(Quaternion(axis: next.axis, angle: -turn), about: next.anchor)
                                                             : Pose(position: -turn * next.axis))
        }
        let axis = frame.rotation.rotate(definition.axis), weight = subtreeMass(definition.body) * model.gravity
        force += definition.kind == .hinge ? axis.cross(subtreeCenterOfMass(definition.body) - frame.apply(definition.anchor)).dot(weight)
            : axis.dot(weight)
        return force
    }

    /// Finds the contacts, adds the spatial tendons' limit rows and takes one ODE step; nil when
    /// it did, else why not (nothing moved then).
    private func collideAndStep() -> PhysicsError? {
        if model.switches.contacts {
            guard collider.collide(space) else { return .engine(time: time, reason: String(cString: gait_ode_failure())) }
            if collider.count > Self.contactRowLimit {
                let largest = Int(gait_largest_island_contacts(bodyIDs, Int32(bodyIDs.count), &islandScratch))
                if largest > Self.contactRowLimit { return .tooManyContacts(time: time, rows: largest, limit: Self.contactRowLimit) }
            }
        }
        if model.switches.limits {
            for (limit, bodies, rigid) in tendonLimits { holdTendon(limit, bodies: bodies, rigid: rigid) }
        }
        return world.step(model.timestep) ? nil : .engine(time: time, reason: String(cString: gait_ode_failure()))
    }

    /// The most contact rows one step may hand ODE's exact solver for one island (bodies bound by
    /// joints and contacts), whose time grows with the cube of its rows: about 0.5 s a step at
    /// 1,300 rows, seconds at a few thousand.
    static let contactRowLimit = 2048

    /// Adds the row of a spatial tendon beyond (or within its margin of) a bound of its range:
    /// MuJoCo's soft limit on the distance of its sites, pulling them together past the upper
    /// bound and apart below the lower one. `bodies` and `rigid` are its sites' model and rigid bodies.
    private func holdTendon(_ limit: Model.TendonLimit, bodies: (Int, Int), rigid: (Body?, Body?)) {
        let first = sitePose(limit.sites[0]).position, second = sitePose(limit.sites[1]).position
        let offset = second - first, length = offset.length
        guard length > 1e-12 else { return }
        func hold(depth: Double, along normal: Vector3) {
            guard depth > 0 else { return }
            let row = limit.softness.row(depth: depth, timestep: model.timestep, weight: limit.weight)
            let approach = (velocity(ofPoint: first, onBody: bodies.0) - velocity(ofPoint: second, onBody: bodies.1)).dot(normal)
            guard row.erp.isFinite, row.cfm.isFinite, row.cfm >= 0, approach.isFinite else { return }
            collider.addRow(between: rigid.0, rigid.1, at: ODEFrame.toODE(first), normal: ODEFrame.toODE(normal), depth: depth,
                            row: row, motion: row.keep * approach)
        }
        hold(depth: length - limit.range.upperBound + limit.margin, along: offset / length)
        hold(depth: limit.range.lowerBound + limit.margin - length, along: -offset / length)
    }

    /// Sets `jointForces` for this sub-step: the controls' forces on the other actuators, plus each
    /// servo's gear × coefficient × (gain·control + bias) on each of its joints, its bias read
    /// from the transmission's current length and rate, its force clamped to its range, the
    /// total on each joint to the joint's actuator force range; plus each tendon spring's and
    /// each joint-space coupling's force times each joint's coefficient.
    private func applyStateForces() {
        guard hasStateForces else { return }
        for index in jointForces.indices { jointForces[index] = controlForces[index] }
        for joint in jointsWithForceLimitedServos { clampedServoDampings[joint] = 0 }
        for servo in servos {
            let actuator = actuators[servo.index]
            var length = 0.0, velocity = 0.0
            for member in servo.joints {
                length += member.coefficient * (member.reference + turns.unwrapped(member.joint.position(axis: member.axis), joint: member.index))
                velocity += member.coefficient * member.joint.rate(axis: member.axis)
            }
            var force = actuator.gain * forceInput(servo.index) + servo.bias.constant
                + servo.bias.position * (actuator.gear * length) + servo.bias.velocity * (actuator.gear * velocity)
            if let range = servo.forceRange {
                force = min(max(force, range.lowerBound), range.upperBound)
                if let clampable = servo.clampableDamping, force <= range.lowerBound || force >= range.upperBound {
                    clampedServoDampings[clampable.joint] += clampable.damping
                }
            }
            for member in actuator.transmission { jointForces[member.joint] += actuator.gear * member.coefficient * force }
        }
        clampActuatorForces()
        for spring in model.tendonSprings {
            let length = spring.terms.reduce(0) { $0 + $1.coefficient * jointPosition($1.joint) }
            let force = spring.force(length: length)
            for term in spring.terms { jointForces[term.joint] += term.coefficient * force }
        }
        for coupling in jointSpaceCouplings {
            var error = -coupling.offset, rate = 0.0
            for term in coupling.terms {
                error += term.coefficient * (jointPosition(term.joint) - model.joints[term.joint].reference)
                rate += term.coefficient * jointVelocity(term.joint)
            }
            let acceleration = coupling.response.reduce(0) { $0 + $1.coefficient * (jointForces[$1.joint] + passiveForce(on: $1.joint)) }
            let force = coupling.force(error: error, rate: rate, acceleration: acceleration, timestep: model.timestep)
            guard force.isFinite else { continue }  // a state already blowing up: the step's check reports it
            for term in coupling.terms { jointForces[term.joint] += term.coefficient * force }
        }
    }

    /// Clamps the actuators' total force on each joint that limits it, before springs and
    /// couplings add theirs (MuJoCo clamps `qfrc_actuator` alone).
    private func clampActuatorForces() {
        for limit in actuatorForceLimits {
            jointForces[limit.joint] = min(max(jointForces[limit.joint], limit.range.lowerBound), limit.range.upperBound)
        }
    }

    /// Makes the limit row of each coordinate beyond a stop MuJoCo's soft constraint for this step
    /// (see gait_soft_row): ERP k·d·h² and CFM h·R at the violation's depth; the target velocity
    /// (1 − b·h)·v, which ODE's stop rows cannot take, is folded into the ERP for this depth.
    private func softenLimits() {
        for limit in softLimits {
            var position = limit.joint.position(axis: limit.axis)
            if let hinge = limit.turningHinge {
                // ODE's angle reads within half a turn: the stops as they lie in the hinge's
                // current turn (the measure leaves each a quarter turn from ODE's seam there).
                let turned = turns.wholeTurns(of: hinge)
                limit.joint.setLimits((limit.stops.lowerBound - turned)...(limit.stops.upperBound - turned), axis: limit.axis)
                position += turned
            }
            let depth: Double, separationRate: Double
            if position < limit.stops.lowerBound {
                (depth, separationRate) = (limit.stops.lowerBound - position, limit.joint.rate(axis: limit.axis))
            } else if position > limit.stops.upperBound {
                (depth, separationRate) = (position - limit.stops.upperBound, -limit.joint.rate(axis: limit.axis))
            } else {
                continue
            }
            let row = limit.softness.row(depth: depth, timestep: model.timestep, weight: limit.weight)
            let erp = row.erp + model.timestep * row.keep * separationRate / depth
            // A state already blowing up keeps the last row; the step's instability check reports it.
            guard erp.isFinite, row.cfm.isFinite else { continue }
            limit.joint.setLimitSoftness(erp: erp, cfm: row.cfm, axis: limit.axis)
        }
    }

    /// Makes each connect's rows MuJoCo's soft constraint for this step at the gap between its
    /// points (one ERP and CFM for the three rows; ODE's rows aim at no relative velocity, where
    /// MuJoCo's keep (1 − b·h) of it).
    private func softenConnects() {
        for connect in softConnects {
            let row = connect.softness.row(depth: connect.joint.ballGap, timestep: model.timestep, weight: connect.weight)
            connect.joint.setSoftness(erp: row.erp, cfm: row.cfm)
        }
    }

    /// What an actuator's gain multiplies this sub-step: its clamped control, or with activation
    /// dynamics its activation (with `activatesEarly`, the one this step's update gives).
    private func forceInput(_ index: Int) -> Double {
        let actuator = model.actuators[index]
        guard actuator.dynamics != .none else { return clampedControls[index] }
        guard actuator.activatesEarly else { return activations[index] }
        return actuator.nextActivation(activations[index], control: clampedControls[index], timestep: model.timestep)
    }

    /// Applies a ball joint's damping: a torque against the relative angular velocity, on both bodies.
    private func dampBall(_ index: Int) {
        let connection = layout.connections[index]!
        let child = rigidBodies[connection.child], parent = connection.parent.map { rigidBodies[$0] }
        let torque = -model.joints[index].damping * (child.angularVelocity - (parent?.angularVelocity ?? .zero))
        child.addTorque(torque)
        parent?.addTorque(-torque)
    }

    /// Removes the drift of a planar root out of the plane (ODE's plane-2D joint constrains
    /// velocities but does not correct orientation drift).
    private func projectIntoPlane(_ body: Body) {
        var position = body.position
        position.z = 0
        body.position = position
        var velocity = body.linearVelocity
        velocity.z = 0
        body.linearVelocity = velocity
        body.angularVelocity = Vector3(0, 0, body.angularVelocity.z)
        let turn = ODEFrame.fromODE(body.quaternion)
        body.quaternion = ODEFrame.toODE(Quaternion(w: turn.w, x: 0, y: turn.y, z: 0))
    }

    private func instability() -> PhysicsError? {
        for (index, body) in rigidBodies.enumerated() {
            let position = body.position, linear = body.linearVelocity, angular = body.angularVelocity
            var name: String { model.bodies[layout.owners[index]].name }
            guard position.isFinite, linear.isFinite, angular.isFinite else {
                return .unstable(time: time, body: name, detail: "non-finite position or velocity")
            }
            if linear.length > Self.speedLimits.linear {
                return .unstable(time: time, body: name, detail: "linear speed \(linear.length) m/s")
            }
            if angular.length > Self.speedLimits.angular {
                return .unstable(time: time, body: name, detail: "angular speed \(angular.length) rad/s")
            }
        }
        return nil
    }

    // MARK: - State

    /// A snapshot of the full state.
    public func state() -> SimulationState {
        var values: [Double] = []
        values.reserveCapacity(rigidBodies.count * SimulationState.valuesPerBody)
        for (index, body) in rigidBodies.enumerated() {
            let p = body.position, q = orientationInputs[index], v = body.linearVelocity, w = body.angularVelocity
            values += [p.x, p.y, p.z, q.w, q.x, q.y, q.z, v.x, v.y, v.z, w.x, w.y, w.z]
        }
        for (linear, angular) in velocitiesBeforeStep { values += [linear.x, linear.y, linear.z, angular.x, angular.y, angular.z] }
        for index in activatedIndices { values.append(activations[index]) }
        values += turns.saved
        return SimulationState(time: time, values: values)
    }

    /// Returns to a snapshot taken from a simulation of the same model. Values no simulation of
    /// this model can be in are refused before they reach ODE: not finite, beyond
    /// `positionLimit` or `speedLimits`, orientations that are not unit quaternions, a planar
    /// robot out of its plane, and bodies that the model's joints do not hold together (within
    /// `jointTolerance`: a snapshot of another model with as many bodies). A refused snapshot
    /// leaves the simulation as it was. A model with accelerometers also keeps each body's
    /// velocities before the last step (6 values per body after the others); a snapshot without
    /// them (from before Gait read accelerometers) starts them at the current velocities. A model
    /// with activation dynamics keeps the activations next, one per such actuator; then come the
    /// whole turns of each hinge without limits or with a range wider than a turn (`HingeTurns`),
    /// which a snapshot from before Gait counted them lacks (each hinge is then taken to lie within
    /// half a turn of 0, or of its range's middle).
    public func restore(_ snapshot: SimulationState) throws(PhysicsError) {
        guard snapshot.time.isFinite, snapshot.values.allSatisfy(\.isFinite) else { throw Self.damagedSnapshot("a value is NaN or infinite") }
        let expected = rigidBodies.count * SimulationState.valuesPerBody, full = valuesBeforeTurns
        let counted = turns.joints.count, withTurns = full + counted
        guard snapshot.values.count == withTurns || snapshot.values.count == full
                || (activatedIndices.isEmpty && snapshot.values.count == expected) else {
            throw .stateMismatch(expected: withTurns, got: snapshot.values.count)
        }
        let (state, savedTurns) = split(snapshot)
        if let savedTurns, !turns.accepts(savedTurns) {
            throw Self.damagedSnapshot("a hinge's whole turns are \(savedTurns); each must be a whole number within ±\(HingeTurns.countLimit)")
        }
        let v = state.values
        for (index, value) in zip(activatedIndices, v.suffix(activatedIndices.count)) {
            // An activation starts at 0, inside its range or not, as MuJoCo's does.
            let range = model.actuators[index].activationRange.map { min($0.lowerBound, 0)...max($0.upperBound, 0) }
                ?? -Self.activationLimit...Self.activationLimit
            guard range.contains(value) else {
                throw Self.damagedSnapshot("actuator #\(index)'s activation is \(value); it must be within \(range.lowerBound)...\(range.upperBound)")
            }
        }
        guard (0...Self.timeLimit).contains(state.time) else {
            throw Self.damagedSnapshot("the time is \(state.time) s; it must be from 0 to \(Self.timeLimit) s")
        }
        for index in rigidBodies.indices {
            let at = index * SimulationState.valuesPerBody
            let name = model.bodies[layout.owners[index]].name
            let position = Vector3(v[at], v[at + 1], v[at + 2]), linear = Vector3(v[at + 7], v[at + 8], v[at + 9])
            let angular = Vector3(v[at + 10], v[at + 11], v[at + 12])
            let norm = v[at + 3..<at + 7].reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard abs(norm - 1) <= 1e-6 else { throw Self.damagedSnapshot("body \(name)'s orientation quaternion has norm \(norm); it must be 1") }
            guard position.length <= Self.positionLimit else {
                throw Self.damagedSnapshot("body \(name) is \(position.length) m from the origin; at most \(Self.positionLimit) m")
            }
            let before = velocitiesBeforeStep(in: state, body: index) ?? (linear, angular)
            guard max(linear.length, before.linear.length) <= Self.speedLimits.linear,
                  max(angular.length, before.angular.length) <= Self.speedLimits.angular else {
                throw Self.damagedSnapshot("body \(name) moves at \(linear.length) m/s and turns at \(angular.length) rad/s; at most "
                                           + "\(Self.speedLimits.linear) m/s and \(Self.speedLimits.angular) rad/s")
            }
            if planarBodies.contains(index) {
                let turn = ODEFrame.fromODE(Quaternion(w: v[at + 3], x: v[at + 4], y: v[at + 5], z: v[at + 6]))
                let offPlane = [position.z, linear.z, angular.x, angular.y, turn.x / norm, turn.z / norm].map(abs).max()!
                guard offPlane <= 1e-6 else {
                    throw .invalidState("body \(name) is out of the robot's x-z plane (by \(offPlane)): the snapshot is of another model, or was edited")
                }
            }
        }
        let current = split(self.state()), currentFailure = failure
        place(state, turns: savedTurns)
        let mismatch = jointMismatch()
        guard mismatch.distance <= Self.jointTolerance.distance, mismatch.angle <= Self.jointTolerance.angle else {
            place(current.state, turns: current.turns)
            failure = currentFailure
            throw .invalidState("the bodies are up to \(mismatch.distance) m and \(mismatch.angle) rad from where the model's joints "
                                + "hold them (at most \(Self.jointTolerance.distance) m and \(Self.jointTolerance.angle) rad): the "
                                + "snapshot is of another model or was edited, or the simulation had come apart when it was taken "
                                + "(joints pulled apart by a time step too large for the model: lower the timestep or add substeps)")
        }
    }

    /// The error for a snapshot whose value `why` describes cannot be one Gait saved.
    private static func damagedSnapshot(_ why: String) -> PhysicsError {
        .invalidState(why + " (a damaged or edited snapshot)")
    }

    /// Rigid body `body`'s velocities before the last step in `state` (ODE frame), or nil when
    /// `state` has none (a model without accelerometers, or a snapshot from before them).
    private func velocitiesBeforeStep(in state: SimulationState, body: Int) -> (linear: Vector3, angular: Vector3)? {
        let at = rigidBodies.count * SimulationState.valuesPerBody + 6 * body, v = state.values
        guard !velocitiesBeforeStep.isEmpty, v.count >= at + 6 + activatedIndices.count else { return nil }
        return (Vector3(v[at], v[at + 1], v[at + 2]), Vector3(v[at + 3], v[at + 4], v[at + 5]))
    }

    /// How many values a snapshot holds before the hinges' whole turns: the rigid bodies', their
    /// velocities before the last step (with acceleration sensors) and the activations.
    private var valuesBeforeTurns: Int {
        rigidBodies.count * SimulationState.valuesPerBody + 6 * velocitiesBeforeStep.count + activatedIndices.count
    }

    /// `snapshot` without the hinges' whole turns at its end, and the turns (nil: it has none).
    private func split(_ snapshot: SimulationState) -> (state: SimulationState, turns: [Double]?) {
        let counted = turns.joints.count
        guard counted > 0, snapshot.values.count == valuesBeforeTurns + counted else { return (snapshot, nil) }
        return (SimulationState(time: snapshot.time, values: Array(snapshot.values.dropLast(counted))), Array(snapshot.values.suffix(counted)))
    }

    /// Sets every body, the time and the hinges' whole turns (nil: none) from `state`, which
    /// `restore` has checked.
    private func place(_ state: SimulationState, turns saved: [Double]?) {
        let v = state.values
        gait_ode_prepare_thread()
        for (index, body) in rigidBodies.enumerated() {
            let at = index * SimulationState.valuesPerBody
            body.position = Vector3(v[at], v[at + 1], v[at + 2])
            orientationInputs[index] = Quaternion(w: v[at + 3], x: v[at + 4], y: v[at + 5], z: v[at + 6])
            body.quaternion = orientationInputs[index]
            body.linearVelocity = Vector3(v[at + 7], v[at + 8], v[at + 9])
            body.angularVelocity = Vector3(v[at + 10], v[at + 11], v[at + 12])
            body.clearForces()
        }
        for index in velocitiesBeforeStep.indices {
            velocitiesBeforeStep[index] = velocitiesBeforeStep(in: state, body: index)
                ?? (rigidBodies[index].linearVelocity, rigidBodies[index].angularVelocity)
        }
        for (index, value) in zip(activatedIndices, v.suffix(activatedIndices.count)) { activations[index] = value }
        time = state.time
        for gimbal in gimbals { gimbal.invalidate() }
        turns.restore(saved, angle: measuredPosition)
        failure = nil
        collider.forget()
    }

    /// The largest distance (m) and turn (rad) between a rigid body's pose and the pose the
    /// model's joints give it from their own coordinates (`positions()`): near 0 in any state a
    /// simulation of this model reaches, as its joints hold its bodies together.
    func jointMismatch() -> (distance: Double, angle: Double) {
        let frames = model.kinematics(positions: positions())
        let poses = layout.rigidPoses(bodies: frames.bodies, joints: frames.joints)
        var worst = (distance: 0.0, angle: 0.0)
        for (body, pose) in zip(rigidBodies, poses) {
            let q = ODEFrame.fromODE(body.quaternion), r = pose.rotation
            let alignment = min(1, abs(q.w * r.w + q.x * r.x + q.y * r.y + q.z * r.z))
            worst = (max(worst.distance, (ODEFrame.fromODE(body.position) - pose.position).length), max(worst.angle, 2 * acos(alignment)))
        }
        return worst
    }

    /// Places every body according to generalized positions `q` (MuJoCo's qpos layout; see
    /// `Model.referencePositions`), at rest, activations at 0. Time is unchanged.
    public func setPositions(_ q: [Double]) throws(PhysicsError) {
        try setState(positions: q, velocities: [Double](repeating: 0, count: model.velocityCount))
    }

    /// Places every body according to generalized positions `q` and sets it moving at
    /// generalized velocities `v` (MuJoCo's qpos and qvel layouts), activations at 0. Time is
    /// unchanged.
    public func setState(positions q: [Double], velocities v: [Double]) throws(PhysicsError) {
        for (name, values, count) in [("qpos", q, model.positionCount), ("qvel", v, model.velocityCount)] {
            guard values.count == count else { throw .wrongCoordinateCount(name: name, expected: count, got: values.count) }
            if let index = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteCoordinate(name: name, index: index) }
        }
        if let (joint, at) = model.unnormalizableQuaternion(in: q) {
            throw .invalidState("joint '\(model.joints[joint].name)' has the orientation quaternion \(Array(q[at..<at + 4])) (qpos[\(at)...\(at + 3)]), which has no direction; give a unit quaternion")
        }
        for joint in turns.joints where abs(q[model.positionOffsets[joint]]) > HingeTurns.largestAngle {
            throw .invalidState("hinge '\(model.joints[joint].name)' is at \(q[model.positionOffsets[joint]]) rad; a hinge that turns whole turns "
                                + "may be at most \(HingeTurns.largestAngle) rad either side of 0")
        }
        gait_ode_prepare_thread()
        let frames = model.kinematics(positions: q), twists = model.twists(at: frames, velocities: v)
        let poses = layout.rigidPoses(bodies: frames.bodies, joints: frames.joints)
        for (index, (pose, twist)) in zip(poses, layout.rigidTwists(bodies: twists.bodies, joints: twists.joints)).enumerated() {
            let body = rigidBodies[index]
            body.position = ODEFrame.toODE(pose.position)
            orientationInputs[index] = ODEFrame.toODE(pose.rotation)
            body.quaternion = orientationInputs[index]
            body.linearVelocity = ODEFrame.toODE(twist.velocity(at: pose.position))
            body.angularVelocity = ODEFrame.toODE(twist.angular)
            body.clearForces()
        }
        for index in velocitiesBeforeStep.indices {
            velocitiesBeforeStep[index] = (rigidBodies[index].linearVelocity, rigidBodies[index].angularVelocity)
        }
        for index in activatedIndices { activations[index] = 0 }
        for gimbal in gimbals { gimbal.invalidate() }
        turns.set(coordinate: { q[model.positionOffsets[$0]] }, angle: measuredPosition)
        failure = nil
        collider.forget()
    }

    /// Returns to the reference configuration, at rest, at time 0.
    public func reset() {
        try! setPositions(model.referencePositions)
        time = 0
    }
}
