/// One solid an environment draws, in its own frame: a sphere (`size` = [radius]), a capsule
/// or cylinder along its z axis ([radius, half length]), a box ([half x, half y, half z]), an
/// ellipsoid ([radius x, radius y, radius z]) or the ground plane (z = 0).
public struct SceneShape: Sendable, Hashable, Codable {
    /// The kind of solid.
    public enum Kind: String, Sendable, Hashable, Codable { case sphere, capsule, cylinder, box, ellipsoid, plane }

    public var kind: Kind
    public var size: [Double]

    /// A shape of `kind` with `size` (see the type's description).
    public init(kind: Kind, size: [Double]) {
        self.kind = kind
        self.size = size
    }
}
