extension Model {
    /// A rigid body of the kinematic tree. Body 0 is the world.
    public struct Body: Sendable, Hashable {
        /// The body's name ("world" for body 0, "" when unnamed).
        public var name: String
        /// The parent body; nil only for the world.
        public var parent: Int?
        /// The body frame relative to the parent frame in the reference configuration.
        public var pose: Pose
        /// The joints that move this body, in the order they apply.
        public var joints: [Int]
        /// The geoms attached to this body.
        public var geoms: [Int]
        /// The body's own mass properties (its geoms, not its children), in the body frame.
        public var massProperties: MassProperties
    }
}
