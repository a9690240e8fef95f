internal import CODE

/// Owns one ODE collision geom. Its user data is the model's geom index.
final class Geom {
    let id: OpaquePointer
    private let space: Space
    private let body: Body?
    /// The convex polyhedron an ellipsoid (see `Ellipsoid`) or a mesh collides as, which ODE reads
    /// from here while the geom lives.
    private let hull: (planes: UnsafeMutableBufferPointer<Double>, points: UnsafeMutableBufferPointer<Double>,
                       polygons: UnsafeMutableBufferPointer<UInt32>)?
    /// A height field's samples (ODE copies them), with its up along the geom's local y (see `place`).
    private let heightData: OpaquePointer?

    /// Creates the shape in `space`. Planes take their normal and offset (ODE frame) from `plane`.
    init(shape: Model.Geom.Shape, index: Int, space: Space, plane: (normal: Vector3, offset: Double)? = nil,
         body: Body? = nil) {
        self.space = space
        self.body = body
        if let data = Self.convexData(shape) {
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
        if case .heightField(let field) = shape {
            heightData = dGeomHeightfieldDataCreate()
            Self.build(field, into: heightData!)
        } else {
            heightData = nil
        }
        switch shape {
        case .plane:
            let (n, d) = plane ?? (Vector3(0, 0, 1), 0)
            id = dCreatePlane(space.id, n.x, n.y, n.z, d)
        case .sphere(let r): id = dCreateSphere(space.id, r)
        case .capsule(let r, let h): id = dCreateCapsule(space.id, r, 2 * h)
        case .cylinder(let r, let h): id = dCreateCylinder(space.id, r, 2 * h)
        case .box(let e): id = dCreateBox(space.id, 2 * e.x, 2 * e.y, 2 * e.z)
        case .ellipsoid, .mesh:
            let hull = hull!
            id = dCreateConvex(space.id, hull.planes.baseAddress, UInt32(hull.planes.count / 4), hull.points.baseAddress,
                               UInt32(hull.points.count / 3), hull.polygons.baseAddress)
        case .heightField: id = dCreateHeightfield(space.id, heightData, 1)
        }
        dGeomSetData(id, UnsafeMutableRawPointer(bitPattern: index))
        if let body { dGeomSetBody(id, body.id) }
    }

    /// ODE's convex data for an ellipsoid or a mesh (see `Ellipsoid.collisionHull`), else nil.
    private static func convexData(_ shape: Model.Geom.Shape) -> (planes: [Double], points: [Double], polygons: [UInt32])? {
        switch shape {
        case .ellipsoid(let radii):
            return Ellipsoid.collisionHull(radii: radii)
        case .mesh(let hull):
            return (hull.planes.flatMap { [$0.normal.x, $0.normal.y, $0.normal.z, $0.offset] },
                    hull.corners.flatMap { [$0.x, $0.y, $0.z] },
                    hull.triangles.flatMap { [3, UInt32($0.x), UInt32($0.y), UInt32($0.z)] })
        default:
            return nil
        }
    }

    deinit {
        dGeomDestroy(id)
        if let heightData { dGeomHeightfieldDataDestroy(heightData) }
        if let hull {
            hull.planes.deallocate()
            hull.points.deallocate()
            hull.polygons.deallocate()
        }
    }

    /// Places a static geom (ODE world coordinates).
    func place(at pose: Pose) {
        dGeomSetPosition(id, pose.position.x, pose.position.y, pose.position.z)
        // ODE's height field rises along its local y, the model's along its local z: the turn
        // from ODE's frame to the model's (x, y, z) → (x, −z, y) comes first.
        setQuaternion(heightData == nil ? pose.rotation : pose.rotation * ODEFrame.rotation.conjugate, dGeomSetQuaternion)
    }

    /// Hands a height field's samples to ODE: its local x is the model's x, its local z the
    /// model's −y (so ODE's first row of samples is the model's last), its heights along local y.
    private static func build(_ field: Model.HeightField, into data: OpaquePointer) {
        var heights = [Double](repeating: 0, count: field.samples.count)
        for row in 0..<field.rows {
            let flipped = (field.rows - 1 - row) * field.columns
            for column in 0..<field.columns { heights[row * field.columns + column] = field.samples[flipped + column] * field.elevation }
        }
        dGeomHeightfieldDataBuildDouble(data, heights, 1, 2 * field.radiusX, 2 * field.radiusY, Int32(field.columns), Int32(field.rows),
                                        1, 0, field.base, 0)
        dGeomHeightfieldDataSetBounds(data, 0, field.elevation)
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
