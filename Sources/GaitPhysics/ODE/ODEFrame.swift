/// The fixed rotation between model coordinates and the coordinates ODE works in.
///
/// ODE's only planar joint (plane-2D) keeps a body in ODE's z = 0 plane, turning about z, while
/// MJCF planar robots move in the model's x-z plane, turning about y. Running every ODE world
/// turned by −90° about x makes the two coincide: model (x, y, z) is ODE (x, z, −y). Body-local
/// coordinates are the same in both; only world-frame quantities pass through these functions.
enum ODEFrame {
    /// The turn from model world to ODE world, as a quaternion.
    static let rotation = Quaternion(w: 0.5.squareRoot(), x: -(0.5.squareRoot()), y: 0, z: 0)

    /// A model-frame vector in ODE coordinates.
    @inline(__always) static func toODE(_ v: Vector3) -> Vector3 { Vector3(v.x, v.z, -v.y) }

    /// An ODE-frame vector in model coordinates.
    @inline(__always) static func fromODE(_ v: Vector3) -> Vector3 { Vector3(v.x, -v.z, v.y) }

    /// A model-frame orientation in ODE coordinates.
    static func toODE(_ q: Quaternion) -> Quaternion { rotation * q }

    /// An ODE-frame orientation in model coordinates.
    static func fromODE(_ q: Quaternion) -> Quaternion { rotation.conjugate * q }

    /// An ODE-frame rotation matrix (ODE's 3×4 row-major layout) in model coordinates:
    /// the model matrix is Fᵀ·R, whose rows are R's rows x, −z and y.
    @inline(__always) static func matrixFromODE(_ r: UnsafePointer<Double>) -> Matrix3 {
        Matrix3(xx: r[0], xy: r[1], xz: r[2],
                yx: -r[8], yy: -r[9], yz: -r[10],
                zx: r[4], zy: r[5], zz: r[6])
    }
}
