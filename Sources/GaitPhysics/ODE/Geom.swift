internal import CODE

/// Owns one ODE collision geom. Its user data is the model's geom index.
final class Geom {
    let id: OpaquePointer
    private let space: Space
    private let body: Body?
    /// An ellipsoid's convex hull (see `Ellipsoid`), which ODE reads from here while the geom lives.
    private let hull: (planes: UnsafeMutableBufferPointer<Double>, points: UnsafeMutableBufferPointer<Double>,
                       polygons: UnsafeMutableBufferPointer<UInt32>)?

    /// Creates the shape in `space`. Planes take their normal and offset (ODE frame) from `plane`.
    init(shape: Model.Geom.Shape, index: Int, space: Space, plane: (normal: Vector3, offset: Double)? = nil,
         body: Body? = nil) {
        self.space = space
        self.body = body
        if case .ellipsoid(let radii) = shape {
            let data = Ellipsoid.collisionHull(radii: radii)
            let owned = (planes: UnsafeMutableBufferPointer<Double>.allocate(capacity: data.planes.count),
                         points: UnsafeMutableBufferPointer<Double>.allocate(capacity: data.points.count),
                         polygons: UnsafeMutableBufferPointer<UInt32>.allocate(capacity: data.polygons.count))
            _ = owned.planes.initialize(from: data.planes)
            _ = owned.points.initialize(from: data.points)
            _ = owned.polygons.initialize(from: data.polygons)
            hull = owned
        } else {
            hull = nil
        }
        switch shape {
        case .plane:
            let (n, d) = plane ?? (Vector3(0, 0, 1), 0)
            id = dCreatePlane(space.id, n.x, n.y, n.z, d)
        case .sphere(let r): id = dCreateSphere(space.id, r)
        case .capsule(let r, let h): id = dCreateCapsule(space.id, r, 2 * h)
        case .cylinder(let r, let h): id = dCreateCylinder(space.id, r, 2 * h)
        case .box(let e): id = dCreateBox(space.id, 2 * e.x, 2 * e.y, 2 * e.z)
        case .ellipsoid:
            let hull = hull!
            id = dCreateConvex(space.id, hull.planes.baseAddress, UInt32(Ellipsoid.faceCount), hull.points.baseAddress,
                               UInt32(hull.points.count / 3), hull.polygons.baseAddress)
        }
        dGeomSetData(id, UnsafeMutableRawPointer(bitPattern: index))
        if let body { dGeomSetBody(id, body.id) }
    }

    deinit {
        dGeomDestroy(id)
        if let hull {
            hull.planes.deallocate()
            hull.points.deallocate()
            hull.polygons.deallocate()
        }
    }

    /// Places a static geom (ODE world coordinates).
    func place(at pose: Pose) {
        dGeomSetPosition(id, pose.position.x, pose.position.y, pose.position.z)
        setQuaternion(pose.rotation, dGeomSetQuaternion)
    }

    /// Places a body's geom relative to the body's centre-of-mass frame.
    func setOffset(_ pose: Pose) {
        dGeomSetOffsetPosition(id, pose.position.x, pose.position.y, pose.position.z)
        setQuaternion(pose.rotation, dGeomSetOffsetQuaternion)
    }

    private func setQuaternion(_ q: Quaternion, _ apply: (OpaquePointer, UnsafePointer<Double>) -> Void) {
        let values = [q.w, q.x, q.y, q.z]
        values.withUnsafeBufferPointer { apply(id, $0.baseAddress!) }
    }
}
