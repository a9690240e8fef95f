internal import CODE

/// Owns one ODE rigid body. Positions are of its centre of mass, in ODE coordinates.
final class Body {
    let id: OpaquePointer
    private let world: World

    /// Creates a body with the given mass and inertia (about its centre of mass, body axes).
    init(world: World, mass: Double, inertia: Matrix3) {
        self.world = world
        id = dBodyCreate(world.id)
        var m = dMass()
        dMassSetParameters(&m, mass, 0, 0, 0, inertia.xx, inertia.yy, inertia.zz, inertia.xy, inertia.xz, inertia.yz)
        dBodySetMass(id, &m)
    }

    deinit { dBodyDestroy(id) }

    var position: Vector3 {
        get { vector(dBodyGetPosition(id)) }
        set { dBodySetPosition(id, newValue.x, newValue.y, newValue.z) }
    }

    var linearVelocity: Vector3 {
        get { vector(dBodyGetLinearVel(id)) }
        set { dBodySetLinearVel(id, newValue.x, newValue.y, newValue.z) }
    }

    var angularVelocity: Vector3 {
        get { vector(dBodyGetAngularVel(id)) }
        set { dBodySetAngularVel(id, newValue.x, newValue.y, newValue.z) }
    }

    /// The orientation. Setting it makes ODE normalise the value and derive the rotation matrix.
    var quaternion: Quaternion {
        get {
            let q = dBodyGetQuaternion(id)!
            return Quaternion(w: q[0], x: q[1], y: q[2], z: q[3])
        }
        set {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { q in
                q[0] = newValue.w
                q[1] = newValue.x
                q[2] = newValue.y
                q[3] = newValue.z
                dBodySetQuaternion(id, q.baseAddress)
            }
        }
    }

    /// ODE's rotation matrix (3×4, row-major).
    var rotationMatrix: UnsafePointer<Double> { dBodyGetRotation(id) }

    /// Drops the forces and torques added for the next step (after a step that failed midway).
    func clearForces() {
        dBodySetForce(id, 0, 0, 0)
        dBodySetTorque(id, 0, 0, 0)
    }

    /// Adds a torque (ODE world coordinates) for the next step.
    func addTorque(_ torque: Vector3) { dBodyAddTorque(id, torque.x, torque.y, torque.z) }

    /// Adds a force (ODE world coordinates) at a point given in ODE world coordinates, for the next step.
    func addForce(_ force: Vector3, atWorldPoint p: Vector3) { dBodyAddForceAtPos(id, force.x, force.y, force.z, p.x, p.y, p.z) }

    /// The velocity of a point given in ODE world coordinates.
    func velocity(ofWorldPoint p: Vector3) -> Vector3 {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { v in
            dBodyGetPointVel(id, p.x, p.y, p.z, v.baseAddress)
            return Vector3(v[0], v[1], v[2])
        }
    }

    /// A point given in ODE world coordinates, in the body's own frame.
    func localPoint(ofWorldPoint p: Vector3) -> Vector3 {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { local in
            dBodyGetPosRelPoint(id, p.x, p.y, p.z, local.baseAddress)
            return Vector3(local[0], local[1], local[2])
        }
    }

    private func vector(_ p: UnsafePointer<Double>!) -> Vector3 { Vector3(p[0], p[1], p[2]) }
}
