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
    }
}
