import Foundation

extension Model {
    /// A collision shape attached to a body (or to the world).
    public struct Geom: Sendable, Hashable {
        /// The geometric primitive, in the geom's own frame (capsule and cylinder axes along z).
        public enum Shape: Sendable, Hashable {
            /// An infinite plane through the origin with normal +z (world geoms only).
            case plane
            /// A sphere.
            case sphere(radius: Double)
            /// A cylinder with hemispherical caps; `halfLength` excludes the caps.
            case capsule(radius: Double, halfLength: Double)
            /// A box given by its half extents.
            case box(halfExtents: Vector3)
            /// A flat-ended cylinder.
            case cylinder(radius: Double, halfLength: Double)
            /// An ellipsoid given by its three radii. ODE has no ellipsoid: it collides as the convex
            /// polyhedron of `Ellipsoid.collisionHull` (its mass and inertia are the ellipsoid's).
            case ellipsoid(radii: Vector3)
            /// A height field (world geoms only): its samples' heights above the frame's x-y plane.
            case heightField(HeightField)
            /// A mesh, which collides as its convex hull, as in MuJoCo (the compiler counts its mass
            /// from the mesh itself, so the shape's volume here is 0).
            case mesh(ConvexHull)

            /// The enclosed volume (zero for a plane or a height field, which have no mass, and for
            /// a mesh, whose mass the compiler finds from the mesh).
            public var volume: Double {
                switch self {
                case .plane, .heightField, .mesh: 0
                case .sphere(let r): 4.0 / 3.0 * .pi * r * r * r
                case .capsule(let r, let h): .pi * r * r * 2 * h + 4.0 / 3.0 * .pi * r * r * r
                case .box(let e): 8 * e.x * e.y * e.z
                case .cylinder(let r, let h): .pi * r * r * 2 * h
                case .ellipsoid(let r): 4.0 / 3.0 * .pi * r.x * r.y * r.z
                }
            }

            /// The lengths that must be positive: radii, half-lengths (with the caps for a capsule), half extents.
            var dimensions: [Double] {
                switch self {
                case .plane: [1]
                case .sphere(let radius): [radius]
                case .capsule(let radius, let halfLength): [radius, halfLength + radius]
                case .cylinder(let radius, let halfLength): [radius, halfLength]
                case .box(let half): [half.x, half.y, half.z]
                case .ellipsoid(let radii): [radii.x, radii.y, radii.z]
                case .mesh: []
                case .heightField(let field): [field.radiusX, field.radiusY, field.elevation, field.base]
                }
            }

            /// Mass properties of the solid shape at unit density, about its centre.
            var unitDensityInertia: Matrix3 {
                switch self {
                case .plane, .heightField, .mesh:
                    return .diagonal(.zero)
                case .sphere(let r):
                    return .diagonal(Vector3(repeating: 0.4 * volume * r * r))
                case .capsule(let r, let h):
                    let length = 2 * h
                    let cylinder = Double.pi * r * r * length
                    let caps = 4.0 / 3.0 * .pi * r * r * r
                    let across = cylinder * (r * r / 4 + length * length / 12)
                        + caps * (0.4 * r * r + 0.375 * r * length + 0.25 * length * length)
                    let along = (0.5 * cylinder + 0.4 * caps) * r * r
                    return .diagonal(Vector3(across, across, along))
                case .box(let e):
                    let m = volume
                    return .diagonal(Vector3(m * (e.y * e.y + e.z * e.z), m * (e.x * e.x + e.z * e.z),
                                             m * (e.x * e.x + e.y * e.y)) / 3)
                case .cylinder(let r, let h):
                    let m = volume
                    let across = m * (3 * r * r + 4 * h * h) / 12
                    return .diagonal(Vector3(across, across, m * r * r / 2))
                case .ellipsoid(let r):
                    let m = volume
                    return .diagonal(Vector3(r.y * r.y + r.z * r.z, r.x * r.x + r.z * r.z, r.x * r.x + r.y * r.y) * (m / 5))
                }
            }
        }

        /// The geom's name, or "" when unnamed.
        public var name: String
        /// The body it is attached to (0 is the world).
        public var body: Int
        /// The primitive.
        public var shape: Shape
        /// The geom frame relative to its body frame.
        public var pose: Pose
        /// Sliding friction coefficient; a contact uses the larger of the two geoms'.
        public var friction: Double
        /// Collision type bits; two geoms collide if either's contype meets the other's conaffinity.
        public var contype: UInt32
        /// Collision affinity bits.
        public var conaffinity: UInt32
        /// Contact dimensionality (MuJoCo's `condim`): 3, a normal force and sliding friction, or
        /// 1, a frictionless normal force. A contact takes the larger of the two geoms'.
        public var condim: Int
        /// Mass density in kg/m³ (already resolved from `mass` when that was given).
        public var density: Double
        /// Its contacts' softness (MuJoCo's `solref` and `solimp`), mixed between two geoms by
        /// `solmix` unless one has the higher `priority`.
        public var softness = Softness.standard
        public var solmix: Double = 1
        public var priority: Int = 0

        /// The geom's mass properties in its body's frame.
        public var massProperties: MassProperties {
            MassProperties(mass: density * shape.volume, center: .zero,
                           inertia: density * shape.unitDensityInertia).transformed(by: pose)
        }

        /// Whether the two geoms' collision bits let them touch (MuJoCo's rule, which the
        /// collider applies): either's `contype` meets the other's `conaffinity`.
        public func collides(with other: Geom) -> Bool {
            contype & other.conaffinity != 0 || other.contype & conaffinity != 0
        }
    }
}
