extension Model {
    /// A site: a named frame fixed to a body (MuJoCo's `<site>`), for naming a torso, head, foot
    /// or touch area and for sensors. It has no mass and collides with nothing.
    public struct Site: Sendable, Hashable {
        /// The site's name, or "" when unnamed.
        public var name: String
        /// The body it is fixed to (0 is the world).
        public var body: Int
        /// The site frame relative to its body frame.
        public var pose: Pose
        /// Its volume, for touch sensors: MuJoCo's site `type` (sphere, capsule, ellipsoid,
        /// cylinder, box) and `size`.
        public var type: String = "sphere"
        public var size: [Double] = [0.005, 0.005, 0.005]

        /// Whether `point` (in the site's frame) lies in the site's volume.
        public func contains(_ point: Vector3) -> Bool {
            let r = size[0]
            switch type {
            case "box": return abs(point.x) <= size[0] && abs(point.y) <= size[1] && abs(point.z) <= size[2]
            case "ellipsoid":
                return (point.x / size[0]) * (point.x / size[0]) + (point.y / size[1]) * (point.y / size[1])
                    + (point.z / size[2]) * (point.z / size[2]) <= 1
            case "cylinder": return point.x * point.x + point.y * point.y <= r * r && abs(point.z) <= size[1]
            case "capsule":
                let z = max(-size[1], min(size[1], point.z))
                return point.x * point.x + point.y * point.y + (point.z - z) * (point.z - z) <= r * r
            default: return point.dot(point) <= r * r
            }
        }
    }
}
