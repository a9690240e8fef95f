/// One solid an environment draws, in its own frame: a sphere (`size` = [radius]), a capsule
/// or cylinder along its z axis ([radius, half length]), a box ([half x, half y, half z]), an
/// ellipsoid ([radius x, radius y, radius z]), the ground plane (z = 0) or a height field
/// ([half x, half y, top, base, rows, columns], then rows × columns samples from 0 to 1,
/// row-major, row 0 at −y: a grid of heights up to `top` over the rectangle, on a slab `base`
/// deep, as MuJoCo's `hfield`) or a convex polyhedron (a mesh's hull: [corner count, then each
/// corner's x, y, z, then each face's outward unit normal x, y, z and offset d, n·p = d on it]).
public struct SceneShape: Sendable, Hashable, Codable {
    /// The kind of solid.
    public enum Kind: String, Sendable, Hashable, Codable { case sphere, capsule, cylinder, box, ellipsoid, plane, heightField, convex }

    public var kind: Kind
    public var size: [Double]

    /// A shape of `kind` with `size` (see the type's description).
    public init(kind: Kind, size: [Double]) {
        self.kind = kind
        self.size = size
    }

    /// Whether the shape is ground (the plane or a height field): the camera follows the others.
    public var isGround: Bool { kind == .plane || kind == .heightField }
}
