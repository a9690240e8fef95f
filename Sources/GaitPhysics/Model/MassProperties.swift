/// The mass, centre of mass and inertia (about the centre of mass) of a rigid part, in some frame.
public struct MassProperties: Sendable, Hashable {
    /// Total mass in kilograms.
    public var mass: Double
    /// The centre of mass.
    public var center: Vector3
    /// The inertia tensor about `center`, in the frame's axes.
    public var inertia: Matrix3

    /// Creates mass properties.
    public init(mass: Double, center: Vector3, inertia: Matrix3) {
        self.mass = mass
        self.center = center
        self.inertia = inertia
    }

    /// No mass at all.
    public static let zero = MassProperties(mass: 0, center: .zero, inertia: .diagonal(.zero))

    /// The same part seen from the parent frame of `pose` (the part's frame placed at `pose`).
    public func transformed(by pose: Pose) -> MassProperties {
        let r = pose.rotation.matrix
        return MassProperties(mass: mass, center: pose.apply(center), inertia: r * inertia * r.transposed)
    }

    /// Two parts joined rigidly (both in the same frame).
    public static func + (a: MassProperties, b: MassProperties) -> MassProperties {
        let mass = a.mass + b.mass
        guard mass > 0 else { return .zero }
        let center = (a.mass * a.center + b.mass * b.center) / mass
        func shifted(_ part: MassProperties) -> Matrix3 {
            let d = part.center - center
            let parallelAxis = Matrix3.diagonal(Vector3(repeating: d.dot(d))) + (-1) * Matrix3(
                xx: d.x * d.x, xy: d.x * d.y, xz: d.x * d.z,
                yx: d.y * d.x, yy: d.y * d.y, yz: d.y * d.z,
                zx: d.z * d.x, zy: d.z * d.y, zz: d.z * d.z)
            return part.inertia + part.mass * parallelAxis
        }
        return MassProperties(mass: mass, center: center, inertia: shifted(a) + shifted(b))
    }
}
