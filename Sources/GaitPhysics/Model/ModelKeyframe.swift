extension Model {
    /// A named state of the model (MuJoCo's `<key>`): generalized positions and velocities.
    public struct Keyframe: Sendable, Hashable {
        /// The keyframe's name, or "" when unnamed.
        public var name: String
        /// Generalized positions (MuJoCo's qpos layout; `Model.referencePositions` where the file gave none).
        public var positions: [Double]
        /// Generalized velocities (zeros where the file gave none).
        public var velocities: [Double]
    }
}
