/// A rigid transform: a rotation followed by a translation.
public struct Pose: Sendable, Hashable {
    /// Where the frame's origin is.
    public var position: Vector3
    /// How the frame is turned.
    public var rotation: Quaternion

    /// Creates a pose.
    public init(position: Vector3 = .zero, rotation: Quaternion = .identity) {
        self.position = position
        self.rotation = rotation
    }

    /// The identity transform.
    public static let identity = Pose()

    /// `child` expressed in this pose's parent frame (apply `child`, then `self`).
    public func composed(with child: Pose) -> Pose {
        Pose(position: position + rotation.rotate(child.position), rotation: (rotation * child.rotation).normalized)
    }

    /// Maps a point from this frame into the parent frame.
    public func apply(_ point: Vector3) -> Vector3 { position + rotation.rotate(point) }
}
