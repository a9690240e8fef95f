/// A 3×3 matrix with MuJoCo's entry names (`xz` is row x, column z); used for orientations.
public struct Matrix3: Sendable, Hashable {
    /// Row x.
    public var xx, xy, xz: Double
    /// Row y.
    public var yx, yy, yz: Double
    /// Row z.
    public var zx, zy, zz: Double

    /// Creates a matrix from its entries, row by row.
    public init(xx: Double, xy: Double, xz: Double,
                yx: Double, yy: Double, yz: Double,
                zx: Double, zy: Double, zz: Double) {
        (self.xx, self.xy, self.xz) = (xx, xy, xz)
        (self.yx, self.yy, self.yz) = (yx, yy, yz)
        (self.zx, self.zy, self.zz) = (zx, zy, zz)
    }

    /// The identity matrix.
    public static let identity = Matrix3(xx: 1, xy: 0, xz: 0, yx: 0, yy: 1, yz: 0, zx: 0, zy: 0, zz: 1)

    /// The matrix times a column vector.
    public static func * (m: Matrix3, v: Vector3) -> Vector3 {
        Vector3(m.xx * v.x + m.xy * v.y + m.xz * v.z,
                m.yx * v.x + m.yy * v.y + m.yz * v.z,
                m.zx * v.x + m.zy * v.y + m.zz * v.z)
    }

    /// The matrix product.
    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(
            xx: a.xx * b.xx + a.xy * b.yx + a.xz * b.zx, xy: a.xx * b.xy + a.xy * b.yy + a.xz * b.zy,
            xz: a.xx * b.xz + a.xy * b.yz + a.xz * b.zz,
            yx: a.yx * b.xx + a.yy * b.yx + a.yz * b.zx, yy: a.yx * b.xy + a.yy * b.yy + a.yz * b.zy,
            yz: a.yx * b.xz + a.yy * b.yz + a.yz * b.zz,
            zx: a.zx * b.xx + a.zy * b.yx + a.zz * b.zx, zy: a.zx * b.xy + a.zy * b.yy + a.zz * b.zy,
            zz: a.zx * b.xz + a.zy * b.yz + a.zz * b.zz)
    }

    /// The sum of two matrices.
    public static func + (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(xx: a.xx + b.xx, xy: a.xy + b.xy, xz: a.xz + b.xz,
                yx: a.yx + b.yx, yy: a.yy + b.yy, yz: a.yz + b.yz,
                zx: a.zx + b.zx, zy: a.zy + b.zy, zz: a.zz + b.zz)
    }

    /// The matrix scaled by `s`.
    public static func * (s: Double, m: Matrix3) -> Matrix3 {
        Matrix3(xx: s * m.xx, xy: s * m.xy, xz: s * m.xz,
                yx: s * m.yx, yy: s * m.yy, yz: s * m.yz,
                zx: s * m.zx, zy: s * m.zy, zz: s * m.zz)
    }

    /// The transpose (for a rotation, its inverse).
    public var transposed: Matrix3 {
        Matrix3(xx: xx, xy: yx, xz: zx, yx: xy, yy: yy, yz: zy, zx: xz, zy: yz, zz: zz)
    }

    /// Row z. For a body's orientation, the world's up axis in the body's frame (dm_control's
    /// `xmat[body, ['zx', 'zy', 'zz']]`).
    public var zRow: Vector3 { Vector3(zx, zy, zz) }

    /// A diagonal matrix.
    public static func diagonal(_ d: Vector3) -> Matrix3 {
        Matrix3(xx: d.x, xy: 0, xz: 0, yx: 0, yy: d.y, yz: 0, zx: 0, zy: 0, zz: d.z)
    }

    /// The eigenvalues of the symmetric matrix and the rotation whose columns are their unit
    /// eigenvectors, by cyclic Jacobi rotations (an inertia's principal moments and axes). A
    /// diagonal matrix keeps the coordinate axes.
    func symmetricEigen() -> (values: Vector3, axes: Quaternion) {
        var a = [[xx, xy, xz], [yx, yy, yz], [zx, zy, zz]]
        var v = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1]]
        for _ in 0..<32 {
            for (p, q) in [(0, 1), (0, 2), (1, 2)] where a[p][q] != 0 {
                // The turn in the p-q plane that zeroes a[p][q]: A ← Jᵀ·A·J, V ← V·J.
                let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                let t = (theta < 0 ? -1.0 : 1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<3 {
                    (a[k][p], a[k][q]) = (c * a[k][p] - s * a[k][q], s * a[k][p] + c * a[k][q])
                    (v[k][p], v[k][q]) = (c * v[k][p] - s * v[k][q], s * v[k][p] + c * v[k][q])
                }
                for k in 0..<3 { (a[p][k], a[q][k]) = (c * a[p][k] - s * a[q][k], s * a[p][k] + c * a[q][k]) }
                (a[p][q], a[q][p]) = (0, 0)
            }
            if a[0][1] == 0, a[0][2] == 0, a[1][2] == 0 { break }
        }
        let axes = Quaternion(rotationColumns: Vector3(v[0][0], v[1][0], v[2][0]), Vector3(v[0][1], v[1][1], v[2][1]),
                              Vector3(v[0][2], v[1][2], v[2][2]))
        return (Vector3(a[0][0], a[1][1], a[2][2]), axes)
    }

    /// Whether the (symmetric) matrix can be a rigid body's inertia: positive definite (every
    /// leading principal minor above zero, as ODE requires) with each diagonal moment at most the
    /// sum of the other two (the triangle inequality MuJoCo checks), within 1e-12 relative.
    var isPhysicalInertia: Bool {
        let scale = max(abs(xx), abs(yy), abs(zz), 1e-300), tolerance = 1e-12 * scale
        let minor2 = xx * yy - xy * yx
        let determinant = xx * (yy * zz - yz * zy) - xy * (yx * zz - yz * zx) + xz * (yx * zy - yy * zx)
        return xx > 0 && minor2 > 0 && determinant > 0
            && xx + yy >= zz - tolerance && yy + zz >= xx - tolerance && xx + zz >= yy - tolerance
    }
}
