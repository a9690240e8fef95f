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
        case .gyro: put(framePose(sensor).rotation.conjugate.rotate(bodyAngularVelocity(frameBody(sensor))))
        case .velocimeter:
            let pose = framePose(sensor)
            put(pose.rotation.conjugate.rotate(velocity(ofPoint: pose.position, onBody: frameBody(sensor))))
        case .subtreecom: put(subtreeCenterOfMass(sensor.object))
        case .subtreelinvel: put(subtreeLinearVelocity(sensor.object))
        case .touch: put(touch(onSite: sensor.object))
        case .rangefinder: put(range(fromSite: sensor.object))
        }
        return at
    }

    /// The body a frame, gyro or velocimeter sensor moves with.
    private func frameBody(_ sensor: Model.Sensor) -> Int {
        sensor.onSite ? model.sites[sensor.object].body : sensor.object
    }

    /// The world pose of a sensor's site or body.
    private func framePose(_ sensor: Model.Sensor) -> Pose {
        guard sensor.onSite else { return bodyPose(sensor.object) }
        let site = model.sites[sensor.object]
        return bodyPose(site.body).composed(with: site.pose)
    }

    /// MuJoCo's touch sensor: the normal force of the last sub-step's contacts on the site's
    /// body whose point lies in the site's volume.
    private func touch(onSite index: Int) -> Double {
        let site = model.sites[index]
        let frame = bodyPose(site.body).composed(with: site.pose)
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
        let frame = bodyPose(site.body).composed(with: site.pose)
        let origin = ODEFrame.toODE(frame.position), direction = ODEFrame.toODE(frame.rotation.rotate(Vector3(0, 0, 1)))
        var nearest: Double?
        for (geom, placed) in zip(model.geoms, geoms) where geom.body != site.body {
            guard let distance = ray.distance(from: origin, along: direction, to: placed) else { continue }
            nearest = min(nearest ?? distance, distance)
        }
        return nearest ?? -1
    }
}
