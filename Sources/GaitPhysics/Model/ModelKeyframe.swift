extension Model {
    /// A named state of the model (MuJoCo's `<key>`): generalized positions and velocities, and
    /// the actuators' controls that go with them (a position-servoed robot's pose held).
    public struct Keyframe: Sendable, Hashable {
        /// The keyframe's name, or "" when unnamed.
        public var name: String
        /// Generalized positions (MuJoCo's qpos layout; `Model.referencePositions` where the file gave none).
        public var positions: [Double]
        /// Generalized velocities (zeros where the file gave none).
        public var velocities: [Double]
        /// One control per actuator (zeros where the file gave none, as MuJoCo's).
        public var controls: [Double]
    }
}
