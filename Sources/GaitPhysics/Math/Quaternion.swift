import Foundation

/// A rotation quaternion (w, x, y, z), in MuJoCo's component order.
public struct Quaternion: Sendable, Hashable {
    /// The scalar part.
    public var w: Double
    /// The vector part.
    public var x, y, z: Double

    /// Creates a quaternion from its components (not normalised).
    public init(w: Double, x: Double, y: Double, z: Double) {
        self.w = w
        self.x = x
        self.y = y
        self.z = z
    }

    /// The identity rotation.
    public static let identity = Quaternion(w: 1, x: 0, y: 0, z: 0)

    /// The rotation by `angle` radians about `axis` (normalised here).
    public init(axis: Vector3, angle: Double) {
        let unit = axis / axis.length
        let half = angle / 2
        let s = sin(half)
        self.init(w: cos(half), x: unit.x * s, y: unit.y * s, z: unit.z * s)
    }

    /// The vector part.
    public var vector: Vector3 { Vector3(x, y, z) }

    /// The inverse rotation of a unit quaternion.
    public var conjugate: Quaternion { Quaternion(w: w, x: -x, y: -y, z: -z) }

    /// This quaternion scaled to unit length.
    public var normalized: Quaternion {
        let n = (w * w + x * x + y * y + z * z).squareRoot()
        return Quaternion(w: w / n, x: x / n, y: y / n, z: z / n)
    }

    /// The Hamilton product: first `rhs`, then `lhs`.
    public static func * (lhs: Quaternion, rhs: Quaternion) -> Quaternion {
        Quaternion(
            w: lhs.w * rhs.w - lhs.x * rhs.x - lhs.y * rhs.y - lhs.z * rhs.z,
            x: lhs.w * rhs.x + lhs.x * rhs.w + lhs.y * rhs.z - lhs.z * rhs.y,
            y: lhs.w * rhs.y - lhs.x * rhs.z + lhs.y * rhs.w + lhs.z * rhs.x,
            z: lhs.w * rhs.z + lhs.x * rhs.y - lhs.y * rhs.x + lhs.z * rhs.w)
    }

    /// Rotates a vector.
    public func rotate(_ v: Vector3) -> Vector3 {
        let u = vector
        let t = 2 * u.cross(v)
        return v + w * t + u.cross(t)
    }

    /// The equivalent rotation matrix.
    public var matrix: Matrix3 {
        let q = normalized
        let (w, x, y, z) = (q.w, q.x, q.y, q.z)
        return Matrix3(
            xx: 1 - 2 * (y * y + z * z), xy: 2 * (x * y - w * z), xz: 2 * (x * z + w * y),
            yx: 2 * (x * y + w * z), yy: 1 - 2 * (x * x + z * z), yz: 2 * (y * z - w * x),
            zx: 2 * (x * z - w * y), zy: 2 * (y * z + w * x), zz: 1 - 2 * (x * x + y * y))
    }

    /// The rotation that turns the unit z axis onto `direction` along the shortest arc.
    public init(rotatingZOnto direction: Vector3) {
        let unit = direction / direction.length
        let axis = Vector3(0, 0, 1).cross(unit)
        let sine = axis.length
        // As MuJoCo's compiler (mjuu_z2quat, given the unit direction): a turn about x when z × the
        // unit direction is shorter than 1e-7, whose square mjuu_normvec takes for zero (below 1e-14).
        if sine * sine < 1e-14 {
            self = unit.z > 0 ? .identity : Quaternion(w: 0, x: 1, y: 0, z: 0)
        } else {
            self.init(axis: axis, angle: atan2(sine, unit.z))
        }
    }

    /// The rotation whose matrix has the orthonormal columns `x`, `y`, `z` (a right-handed frame).
    public init(rotationColumns x: Vector3, _ y: Vector3, _ z: Vector3) {
        let trace = x.x + y.y + z.z
        if trace > 0 {
            let s = 0.5 / (trace + 1).squareRoot()
            self.init(w: 0.25 / s, x: (y.z - z.y) * s, y: (z.x - x.z) * s, z: (x.y - y.x) * s)
        } else if x.x > y.y && x.x > z.z {
            let s = 2 * (1 + x.x - y.y - z.z).squareRoot()
            self.init(w: (y.z - z.y) / s, x: 0.25 * s, y: (y.x + x.y) / s, z: (z.x + x.z) / s)
        } else if y.y > z.z {
            let s = 2 * (1 + y.y - x.x - z.z).squareRoot()
            self.init(w: (z.x - x.z) / s, x: (y.x + x.y) / s, y: 0.25 * s, z: (z.y + y.z) / s)
        } else {
            let s = 2 * (1 + z.z - x.x - y.y).squareRoot()
            self.init(w: (x.y - y.x) / s, x: (z.x + x.z) / s, y: (z.y + y.z) / s, z: 0.25 * s)
        }
        self = normalized
    }
}
