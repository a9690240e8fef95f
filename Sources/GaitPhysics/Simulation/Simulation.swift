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

    private let world: World
    private let space: Space
    private let collider: Collider
    private let geoms: [Geom]
    /// One ODE body per group of welded model bodies.
    let rigidBodies: [Body]
    let layout: BodyLayout
    /// Per model joint: the ODE joint for single hinges and slides (nil for free and planar roots).
    let odeJoints: [Joint?]
    private let planeConstraints: [Joint]
    /// Implicit viscous dampers, one per damped hinge or slide.
    private let dampers: [Joint]
    /// ODE bodies constrained to the plane, re-projected after every sub-step.
    private let planarBodies: [Int]
    /// Model bodies below and including each body.
    let subtrees: [[Int]]
    /// The orientation last handed to ODE for each body (ODE normalises on the way in; keeping
    /// the input lets a restored snapshot reproduce the live state exactly).
    private var orientationInputs: [Quaternion]
    private var jointForces: [Double]
    private let forcedJoints: [Int]
    private let explicitlyDamped: [Bool]
    private var failure: PhysicsError?

    /// Builds the simulation in the model's reference configuration, at rest, at time 0.
    public init(model shared: Model) {
        let model = shared.independentCopy()
        self.model = model
        gait_ode_prepare_thread()
        let reference = model.bodyPoses(positions: model.referencePositions)
        let layout = BodyLayout(model: model, reference: reference)
        let world = World(gravity: model.gravity)
        let space = Space()
        let rigidBodies = zip(layout.roots, layout.masses).map { root, mass in
            let body = Body(world: world, mass: mass.mass, inertia: mass.inertia)
            let pose = reference[root].composed(with: Pose(position: mass.center))
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

        var planeConstraints: [Joint] = []
        var dampers: [Joint] = []
        var planarBodies: [Int] = []
        var odeJoints = [Joint?](repeating: nil, count: model.joints.count)
        var explicitlyDamped = [Bool](repeating: false, count: model.joints.count)
        for (group, root) in layout.roots.enumerated() {
            let body = model.bodies[root]
            if Model.isPlanarRoot(body: body, joints: model.joints) {
                planeConstraints.append(Joint(.plane, world: world, body: rigidBodies[group], parent: nil))
                planarBodies.append(group)
                continue
            }
            let jointIndex = body.joints[0]
            let joint = model.joints[jointIndex]
            guard joint.kind != .free else { continue }
            let parent = layout.carriers[body.parent!].map { rigidBodies[$0] }
            let odeJoint = Joint(
                joint.kind == .hinge ? .hinge : .slider, world: world, body: rigidBodies[group], parent: parent,
                anchor: ODEFrame.toODE(reference[root].apply(joint.anchor)),
                axis: ODEFrame.toODE(reference[root].rotation.rotate(joint.axis)))
            if let range = joint.range {
                odeJoint.setLimits((range.lowerBound - joint.reference)...(range.upperBound - joint.reference))
            }
            odeJoints[jointIndex] = odeJoint
            if !Self.needsImplicitDamping(joint, carrying: layout.masses[group], timestep: model.timestep) {
                explicitlyDamped[jointIndex] = joint.damping > 0
            } else {
                let damper = Joint(joint.kind == .hinge ? .angularDamper : .linearDamper, world: world,
                                   body: rigidBodies[group], parent: parent,
                                   axis: ODEFrame.toODE(reference[root].rotation.rotate(joint.axis)))
                damper.setDamping(joint.damping)
                dampers.append(damper)
            }
        }
        self.world = world
        self.space = space
        self.rigidBodies = rigidBodies
        self.layout = layout
        self.odeJoints = odeJoints
        self.planeConstraints = planeConstraints
        self.dampers = dampers
        self.planarBodies = planarBodies
        collider = Collider(world: world, geoms: model.geoms, planar: !planarBodies.isEmpty)
        subtrees = model.bodies.indices.map { ancestor in
            model.bodies.indices.filter { model.isInSubtree($0, of: ancestor) }
        }
        jointForces = [Double](repeating: 0, count: model.joints.count)
        self.explicitlyDamped = explicitlyDamped
        forcedJoints = model.joints.indices.filter { index in
            odeJoints[index] != nil && (model.joints[index].stiffness != 0 || explicitlyDamped[index]
                || model.actuators.contains { $0.joint == index })
        }
        orientationInputs = rigidBodies.map(\.quaternion)
    }

    /// Light damping is applied as an explicit torque, which is exact and adds nothing to the
    /// solver. Damping that is heavy for the link it moves (damping × dt above a tenth of the
    /// link's inertia about the axis, or of its mass for a slide) would make explicit
    /// integration unstable; it becomes an implicit damper row in the solver instead.
    static func needsImplicitDamping(_ joint: Model.Joint, carrying link: MassProperties, timestep: Double) -> Bool {
        guard joint.damping > 0 else { return false }
        let inertia = joint.kind == .slide ? link.mass : joint.axis.dot(link.inertia * joint.axis)
        return joint.damping * timestep > 0.1 * inertia
    }

    /// True when the model moves in the x-z plane (see `Model.isPlanar`).
    public var isPlanar: Bool { !planarBodies.isEmpty }

    /// The contacts of the last sub-step, with their forces.
    var contacts: UnsafeMutableBufferPointer<GaitContact> { collider.recorded }

    /// The number of contacts found in the last sub-step.
    public var contactCount: Int { collider.count }

    // MARK: - Stepping

    /// Advances `substeps` physics steps of `model.timestep`, applying gear × control on each
    /// actuator's joint (controls clamped to their ranges), joint springs and joint damping as
    /// generalized forces every sub-step (heavy damping through the solver; see
    /// `needsImplicitDamping`).
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
        for (index, actuator) in model.actuators.enumerated() {
            let control = controls[index]
            guard control.isFinite else { throw .nonFiniteControl(index: index) }
            let clamped = actuator.controlRange.map { min(max(control, $0.lowerBound), $0.upperBound) } ?? control
            jointForces[actuator.joint] += actuator.gear * clamped
        }
        for _ in 0..<substeps {
            for index in forcedJoints {
                let joint = odeJoints[index]!
                let description = model.joints[index]
                var force = jointForces[index]
                if explicitlyDamped[index] { force -= description.damping * joint.rate }
                if description.stiffness != 0 { force -= description.stiffness * (description.reference + joint.position) }
                joint.addForce(force)
            }
            collider.collide(space)
            world.step(model.timestep)
            collider.clear()
            for group in planarBodies { projectIntoPlane(rigidBodies[group]) }
            time += model.timestep
            if let problem = instability() {
                failure = problem
                throw problem
            }
        }
        for (index, body) in rigidBodies.enumerated() {
            orientationInputs[index] = body.quaternion
            body.quaternion = orientationInputs[index]
        }
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
        for (group, body) in rigidBodies.enumerated() {
            let position = body.position, linear = body.linearVelocity, angular = body.angularVelocity
            var name: String { model.bodies[layout.roots[group]].name }
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
        return SimulationState(time: time, values: values)
    }

    /// Returns to a snapshot taken from a simulation of the same model.
    public func restore(_ state: SimulationState) throws(PhysicsError) {
        let expected = rigidBodies.count * SimulationState.valuesPerBody
        guard state.values.count == expected else { throw .stateMismatch(expected: expected, got: state.values.count) }
        gait_ode_prepare_thread()
        let v = state.values
        for (index, body) in rigidBodies.enumerated() {
            let at = index * SimulationState.valuesPerBody
            body.position = Vector3(v[at], v[at + 1], v[at + 2])
            orientationInputs[index] = Quaternion(w: v[at + 3], x: v[at + 4], y: v[at + 5], z: v[at + 6])
            body.quaternion = orientationInputs[index]
            body.linearVelocity = Vector3(v[at + 7], v[at + 8], v[at + 9])
            body.angularVelocity = Vector3(v[at + 10], v[at + 11], v[at + 12])
        }
        time = state.time
        failure = nil
        collider.forget()
    }

    /// Places every body according to generalized positions `q` (MuJoCo's qpos layout; see
    /// `Model.referencePositions`), at rest. Time is unchanged.
    public func setPositions(_ q: [Double]) throws(PhysicsError) {
        guard q.count == model.positionCount, q.allSatisfy(\.isFinite) else {
            throw .stateMismatch(expected: model.positionCount, got: q.count)
        }
        gait_ode_prepare_thread()
        let poses = model.bodyPoses(positions: q)
        for (group, body) in rigidBodies.enumerated() {
            let pose = poses[layout.roots[group]].composed(with: Pose(position: layout.masses[group].center))
            body.position = ODEFrame.toODE(pose.position)
            orientationInputs[group] = ODEFrame.toODE(pose.rotation)
            body.quaternion = orientationInputs[group]
            body.linearVelocity = .zero
            body.angularVelocity = .zero
        }
        failure = nil
        collider.forget()
    }

    /// Returns to the reference configuration, at rest, at time 0.
    public func reset() {
        try! setPositions(model.referencePositions)
        time = 0
    }
}
