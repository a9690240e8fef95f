import Foundation

/// What tasks read from a running simulation, in model (MJCF world) coordinates.
extension Simulation {
    /// The world pose of a body's frame.
    public func bodyPose(_ body: Int) -> Pose {
        guard let group = layout.carriers[body] else { return layout.framesInCarrier[body] }
        let rigid = rigidBodies[group]
        let carrier = Pose(position: ODEFrame.fromODE(rigid.position), rotation: ODEFrame.fromODE(rigid.quaternion))
        return carrier.composed(with: layout.framesInCarrier[body])
    }

    /// The world position of a body's frame origin (MuJoCo's xpos).
    public func bodyPosition(_ body: Int) -> Vector3 { bodyPose(body).position }

    /// The orientation matrix of a body's frame (MuJoCo's xmat): columns are the body's axes.
    public func bodyOrientation(_ body: Int) -> Matrix3 { bodyPose(body).rotation.matrix }

    /// The world velocity of a point (world coordinates) moving with `body`.
    public func velocity(ofPoint point: Vector3, onBody body: Int) -> Vector3 {
        guard let group = layout.carriers[body] else { return .zero }
        return ODEFrame.fromODE(rigidBodies[group].velocity(ofWorldPoint: ODEFrame.toODE(point)))
    }

    /// The acceleration of a point (world coordinates) moving with `body` over the last physics
    /// step, in world coordinates: its body's change of velocity over the step, with the
    /// tangential and centripetal terms at the point. Kept only for a model with accelerometers or
    /// acceleration sensors (zero otherwise).
    func acceleration(ofPoint point: Vector3, onBody body: Int) -> Vector3 {
        guard let group = layout.carriers[body], group < velocitiesBeforeStep.count else { return .zero }
        let rigid = rigidBodies[group], before = velocitiesBeforeStep[group]
        let arm = ODEFrame.toODE(point) - rigid.position, spin = rigid.angularVelocity
        let linear = (rigid.linearVelocity - before.linear) / model.timestep, angular = (spin - before.angular) / model.timestep
        return ODEFrame.fromODE(linear + angular.cross(arm) + spin.cross(spin.cross(arm)))
    }

    /// A body's angular acceleration over the last physics step, in world coordinates (kept only
    /// for a model with accelerometers or acceleration sensors; zero otherwise).
    func angularAcceleration(_ body: Int) -> Vector3 {
        guard let group = layout.carriers[body], group < velocitiesBeforeStep.count else { return .zero }
        return ODEFrame.fromODE((rigidBodies[group].angularVelocity - velocitiesBeforeStep[group].angular) / model.timestep)
    }

    /// The world velocity of a body's frame origin.
    public func bodyLinearVelocity(_ body: Int) -> Vector3 { velocity(ofPoint: bodyPosition(body), onBody: body) }

    /// A body's angular velocity in world coordinates.
    public func bodyAngularVelocity(_ body: Int) -> Vector3 {
        guard let group = layout.carriers[body] else { return .zero }
        return ODEFrame.fromODE(rigidBodies[group].angularVelocity)
    }

    /// The total mass of a body and everything below it.
    public func subtreeMass(_ body: Int) -> Double { model.subtreeMasses[body] }

    /// The centre of mass of a body and everything below it (MuJoCo's subtree_com); for a
    /// subtree that weighs nothing, the body's own centre, as in MuJoCo.
    public func subtreeCenterOfMass(_ body: Int) -> Vector3 {
        guard subtreeMass(body) >= Model.smallestValue else { return bodyPose(body).apply(model.bodies[body].massProperties.center) }
        var weighted = Vector3.zero
        for member in model.subtrees[body] {
            let mass = model.bodies[member].massProperties
            weighted += mass.mass * bodyPose(member).apply(mass.center)
        }
        return weighted / subtreeMass(body)
    }

    /// The velocity of the centre of mass of a body and everything below it (MuJoCo's
    /// subtree_linvel); its momentum over at least MuJoCo's smallest mass, as in MuJoCo (zero
    /// for a subtree that weighs nothing).
    public func subtreeLinearVelocity(_ body: Int) -> Vector3 {
        var weighted = Vector3.zero
        for member in model.subtrees[body] {
            let mass = model.bodies[member].massProperties
            weighted += mass.mass * velocity(ofPoint: bodyPose(member).apply(mass.center), onBody: member)
        }
        return weighted / max(subtreeMass(body), Model.smallestValue)
    }

    /// The angular momentum of the subtree rooted at `body` about its centre of mass (world frame).
    public func subtreeAngularMomentum(_ body: Int) -> Vector3 {
        let center = subtreeCenterOfMass(body), centerVelocity = subtreeLinearVelocity(body)
        var momentum = Vector3.zero
        for member in model.subtrees[body] {
            let pose = bodyPose(member)
            let mass = model.bodies[member].massProperties.transformed(by: pose)
            let arm = mass.center - center, relative = velocity(ofPoint: mass.center, onBody: member) - centerVelocity
            momentum += mass.inertia * bodyAngularVelocity(member) + mass.mass * arm.cross(relative)
        }
        return momentum
    }

    // MARK: - Joints

    /// A hinge's angle (radians) or a slide's displacement (metres), including its `ref`: MuJoCo's
    /// qpos, which grows without bound as a hinge without limits turns. Not for free and ball
    /// joints (see `positions()`).
    public func jointPosition(_ joint: Int) -> Double {
        turns.unwrapped(measuredPosition(joint), joint: joint)
    }

    /// A hinge's or slide's coordinate as ODE measures it: a hinge within half a turn of where ODE
    /// measures it from (see `HingeTurns`).
    func measuredPosition(_ joint: Int) -> Double {
        precondition([.hinge, .slide].contains(model.joints[joint].kind), "a free or ball joint has several coordinates; use positions()")
        if let odeJoint = odeJoints[joint] { return model.joints[joint].reference + odeJoint.position(axis: odeAxes[joint]) }
        return planarCoordinate(joint, velocity: false)
    }

    /// A hinge's or slide's velocity. Not for free and ball joints (see `velocities()`).
    public func jointVelocity(_ joint: Int) -> Double {
        precondition([.hinge, .slide].contains(model.joints[joint].kind), "a free or ball joint has several coordinates; use velocities()")
        if let odeJoint = odeJoints[joint] { return odeJoint.rate(axis: odeAxes[joint]) }
        return planarCoordinate(joint, velocity: true)
    }

    /// The slide x, slide z or hinge y coordinate of a planar root, or its rate.
    private func planarCoordinate(_ index: Int, velocity wantsVelocity: Bool) -> Double {
        let joint = model.joints[index]
        let body = joint.body
        let hinge = model.joints[model.bodies[body].joints[2]]
        if joint.kind == .hinge {
            if wantsVelocity { return hinge.axis.y * bodyAngularVelocity(body).y }
            let r = bodyOrientation(body)
            return joint.reference + hinge.axis.y * atan2(r.xz, r.xx)
        }
        let anchor = bodyPose(body).apply(hinge.anchor)
        if wantsVelocity { return joint.axis.dot(velocity(ofPoint: anchor, onBody: body)) }
        return joint.reference + joint.axis.dot(anchor - model.bodies[body].pose.apply(hinge.anchor))
    }

    /// All generalized positions, in MuJoCo's qpos layout (a free joint: position, quaternion; a
    /// ball joint: its quaternion).
    public func positions() -> [Double] {
        var q: [Double] = []
        for (index, joint) in model.joints.enumerated() {
            switch joint.kind {
            case .hinge, .slide:
                q.append(jointPosition(index))
            case .free:
                let pose = bodyPose(joint.body)
                q += [pose.position.x, pose.position.y, pose.position.z,
                      pose.rotation.w, pose.rotation.x, pose.rotation.y, pose.rotation.z]
            case .ball:
                let turn = ballRotation(joint)
                q += [turn.w, turn.x, turn.y, turn.z]
            }
        }
        return q
    }

    /// All generalized velocities, in MuJoCo's qvel layout (a free joint: linear velocity in
    /// world coordinates, angular velocity in body coordinates; a ball joint: the angular velocity
    /// relative to the parent, in body coordinates).
    public func velocities() -> [Double] {
        var v: [Double] = []
        for (index, joint) in model.joints.enumerated() {
            switch joint.kind {
            case .hinge, .slide:
                v.append(jointVelocity(index))
            case .free:
                let (linear, angular) = freeJointVelocity(index)
                v += [linear.x, linear.y, linear.z, angular.x, angular.y, angular.z]
            case .ball:
                let parent = model.bodies[joint.body].parent!
                let relative = bodyAngularVelocity(joint.body) - bodyAngularVelocity(parent)
                let angular = bodyPose(joint.body).rotation.conjugate.rotate(relative)
                v += [angular.x, angular.y, angular.z]
            }
        }
        return v
    }

    /// A free joint's velocity as MuJoCo's qvel holds it: the linear velocity of its body's frame
    /// origin in world coordinates, and the angular velocity in body coordinates.
    public func freeJointVelocity(_ joint: Int) -> (linear: Vector3, angular: Vector3) {
        let body = model.joints[joint].body
        return (bodyLinearVelocity(body), bodyPose(body).rotation.conjugate.rotate(bodyAngularVelocity(body)))
    }

    /// A ball joint's rotation: its body's orientation relative to where the parent alone puts it.
    private func ballRotation(_ joint: Model.Joint) -> Quaternion {
        let body = model.bodies[joint.body]
        let unturned = bodyPose(body.parent!).composed(with: body.pose).rotation
        return unturned.conjugate * bodyPose(joint.body).rotation
    }

    // MARK: - Contacts

    /// The total contact force on a geom in the last sub-step (world coordinates).
    public func contactForce(onGeom geom: Int) -> Vector3 {
        var total = Vector3.zero
        for contact in contacts {
            let force = Vector3(contact.feedback.f1.0, contact.feedback.f1.1, contact.feedback.f1.2)
            if Int(contact.geom1) == geom { total += force } else if Int(contact.geom2) == geom { total -= force }
        }
        return ODEFrame.fromODE(total)
    }

    /// The summed normal (pressing) force on a geom in the last sub-step: what a touch sensor reads.
    public func contactNormalForce(onGeom geom: Int) -> Double {
        var total = 0.0
        for contact in contacts where Int(contact.geom1) == geom || Int(contact.geom2) == geom {
            let force = Vector3(contact.feedback.f1.0, contact.feedback.f1.1, contact.feedback.f1.2)
            let normal = Vector3(contact.normal.0, contact.normal.1, contact.normal.2)
            total += max(0, force.dot(normal))
        }
        return total
    }
}

extension Simulation {
    /// The height (world z) of the lowest point of any geom carried by a moving body (one of
    /// `bodies`, when given): where a reset lowers a robot to so that it just clears the floor.
    public func lowestGeomHeight(of bodies: Set<Int>? = nil) -> Double {
        var lowest = Double.infinity
        for geom in model.geoms where layout.carriers[geom.body] != nil && bodies?.contains(geom.body) != false {
            let pose = bodyPose(geom.body).composed(with: geom.pose)
            let centre = pose.position.z
            let axisZ = pose.rotation.rotate(Vector3(0, 0, 1)).z
            let bottom: Double
            switch geom.shape {
            case .plane, .heightField: continue
            case .sphere(let radius): bottom = centre - radius
            case .capsule(let radius, let halfLength): bottom = centre - abs(axisZ) * halfLength - radius
            case .cylinder(let radius, let halfLength):
                bottom = centre - abs(axisZ) * halfLength - radius * max(0, 1 - axisZ * axisZ).squareRoot()
            case .box(let half):
                let r = pose.rotation.matrix
                bottom = centre - (abs(r.zx) * half.x + abs(r.zy) * half.y + abs(r.zz) * half.z)
            case .ellipsoid(let radii):
                let r = pose.rotation.matrix
                bottom = centre - (Vector3(r.zx, r.zy, r.zz) * radii).length
            case .mesh(let hull):
                bottom = hull.corners.map { pose.apply($0).z }.min() ?? centre
            }
            lowest = min(lowest, bottom)
        }
        return lowest
    }
}
