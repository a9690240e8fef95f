extension Simulation {
    /// Writes what `sensor` reads now into `values` from `index` (`sensor.kind.dimension` values,
    /// MuJoCo's units and frames) and returns the index after them.
    public func read(_ sensor: Model.Sensor, into values: inout [Float], at index: Int) -> Int {
        var at = index
        func put(_ value: Double) {
            values[at] = Float(sensor.cutoff > 0 ? sensor.kind.limit(value, to: sensor.cutoff) : value)
            at += 1
        }
        func put(_ vector: Vector3) {
            put(vector.x)
            put(vector.y)
            put(vector.z)
        }
        switch sensor.kind {
        case .jointpos: put(jointPosition(sensor.object))
        case .jointvel: put(jointVelocity(sensor.object))
        case .framepos: put(framePose(sensor).position)
        case .framequat:
            let q = framePose(sensor).rotation
            put(q.w)
            put(q.x)
            put(q.y)
            put(q.z)
        case .framelinvel: put(velocity(ofPoint: framePose(sensor).position, onBody: frameBody(sensor)))
        case .frameangvel: put(bodyAngularVelocity(frameBody(sensor)))
        case .framexaxis: put(framePose(sensor).rotation.rotate(Vector3(1, 0, 0)))
        case .frameyaxis: put(framePose(sensor).rotation.rotate(Vector3(0, 1, 0)))
        case .framezaxis: put(framePose(sensor).rotation.rotate(Vector3(0, 0, 1)))
        case .gyro: put(framePose(sensor).rotation.conjugate.rotate(bodyAngularVelocity(frameBody(sensor))))
        case .velocimeter:
            let pose = framePose(sensor)
            put(pose.rotation.conjugate.rotate(velocity(ofPoint: pose.position, onBody: frameBody(sensor))))
        case .accelerometer:
            let pose = framePose(sensor)
            put(pose.rotation.conjugate.rotate(acceleration(ofPoint: pose.position, onBody: frameBody(sensor)) - gravity))
        case .force, .torque:
            let pose = framePose(sensor)
            let wrench = interactionWrench(onSubtreeOf: frameBody(sensor), about: pose.position)
            put(pose.rotation.conjugate.rotate(sensor.kind == .force ? wrench.force : wrench.torque))
        case .framelinacc: put(acceleration(ofPoint: framePose(sensor).position, onBody: frameBody(sensor)) - gravity)
        case .frameangacc: put(angularAcceleration(frameBody(sensor)))
        case .subtreecom: put(subtreeCenterOfMass(sensor.object))
        case .subtreelinvel: put(subtreeLinearVelocity(sensor.object))
        case .subtreeangmom: put(subtreeAngularMomentum(sensor.object))
        case .touch: put(touchForce(onSite: sensor.object))
        case .rangefinder: put(range(fromSite: sensor.object))
        }
        return at
    }

    /// The world pose of a site.
    func sitePose(_ index: Int) -> Pose {
        bodyPose(model.sites[index].body).composed(with: model.sites[index].pose)
    }

    /// The gravity the simulation applies.
    private var gravity: Vector3 { model.switches.gravity ? model.gravity : .zero }

    /// The body a frame, gyro or velocimeter sensor moves with.
    private func frameBody(_ sensor: Model.Sensor) -> Int {
        switch sensor.frame {
        case .site: model.sites[sensor.object].body
        case .geom: model.geoms[sensor.object].body
        case .none, .body, .inertial: sensor.object
        }
    }

    /// The world pose of a sensor's site, geom or body frame.
    private func framePose(_ sensor: Model.Sensor) -> Pose {
        switch sensor.frame {
        case .site: return sitePose(sensor.object)
        case .geom: return bodyPose(model.geoms[sensor.object].body).composed(with: model.geoms[sensor.object].pose)
        case .inertial:
            let pose = bodyPose(sensor.object)
            return Pose(position: pose.apply(model.bodies[sensor.object].massProperties.center), rotation: pose.rotation)
        case .none, .body: return bodyPose(sensor.object)
        }
    }

    /// MuJoCo's touch sensor: the normal force of the last sub-step's contacts on the site's
    /// body whose point lies in the site's volume.
    public func touchForce(onSite index: Int) -> Double {
        let site = model.sites[index]
        let frame = sitePose(index)
        var total = 0.0
        for contact in contacts {
            let first = model.geoms[Int(contact.geom1)].body, second = model.geoms[Int(contact.geom2)].body
            guard first == site.body || second == site.body else { continue }
            let point = ODEFrame.fromODE(Vector3(contact.position.0, contact.position.1, contact.position.2))
            guard site.contains(frame.rotation.conjugate.rotate(point - frame.position)) else { continue }
            let force = Vector3(contact.feedback.f1.0, contact.feedback.f1.1, contact.feedback.f1.2)
            total += abs(force.dot(Vector3(contact.normal.0, contact.normal.1, contact.normal.2)))
        }
        return total
    }

    /// MuJoCo's rangefinder: the distance from the site along its z axis to the nearest geom not
    /// on the site's body, or −1 when the ray meets none.
    private func range(fromSite index: Int) -> Double {
        let site = model.sites[index]
        let frame = sitePose(index)
        let origin = ODEFrame.toODE(frame.position), direction = ODEFrame.toODE(frame.rotation.rotate(Vector3(0, 0, 1)))
        var nearest: Double?
        for (geom, placed) in zip(model.geoms, geoms) where geom.body != site.body {
            guard let distance = ray.distance(from: origin, along: direction, to: placed) else { continue }
            nearest = min(nearest ?? distance, distance)
        }
        return nearest ?? -1
    }

    /// What a body's parent exerts on its subtree over the last physics step (MuJoCo's
    /// `cfrc_int`): the force and the torque about `point` that the subtree's bodies' motion
    /// needs beyond gravity and the contacts on them.
    private func interactionWrench(onSubtreeOf body: Int, about point: Vector3) -> (force: Vector3, torque: Vector3) {
        var force = Vector3.zero, torque = Vector3.zero
        for member in model.subtrees[body] {
            let mass = model.bodies[member].massProperties.transformed(by: bodyPose(member))
            let linear = mass.mass * (acceleration(ofPoint: mass.center, onBody: member) - gravity)
            let spin = bodyAngularVelocity(member)
            force += linear
            torque += mass.inertia * angularAcceleration(member) + spin.cross(mass.inertia * spin) + (mass.center - point).cross(linear)
        }
        for contact in contacts {
            let first = isInSubtree(model.geoms[Int(contact.geom1)].body, of: body)
            guard first != isInSubtree(model.geoms[Int(contact.geom2)].body, of: body) else { continue }
            let onSubtree = ODEFrame.fromODE(Vector3(contact.feedback.f1.0, contact.feedback.f1.1, contact.feedback.f1.2)) * (first ? 1 : -1)
            force -= onSubtree
            torque -= (ODEFrame.fromODE(Vector3(contact.position.0, contact.position.1, contact.position.2)) - point).cross(onSubtree)
        }
        return (force, torque)
    }

    /// Whether `member` is `body` or lies below it.
    private func isInSubtree(_ member: Int, of body: Int) -> Bool {
        var current: Int? = member
        while let index = current {
            if index == body { return true }
            current = model.bodies[index].parent
        }
        return false
    }
}
