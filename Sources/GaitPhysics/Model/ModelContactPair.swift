extension Model {
    /// Two geoms that touch with settings of their own (MuJoCo's `<contact><pair>`), whatever
    /// their contype, conaffinity, bodies and exclusions say; the pair replaces the contact their
    /// bits would make. Its settings are its own or MuJoCo's defaults, never the geoms'.
    public struct ContactPair: Sendable, Hashable {
        /// The pair's name ("" when unnamed).
        public var name: String
        /// The lower geom index.
        public var geom1: Int
        /// The higher geom index.
        public var geom2: Int
        /// Sliding friction along the contact's first and second tangent (MuJoCo's pair_friction[0]
        /// and [1]; its contact frame's tangents, as `mju_makeFrame` turns them).
        public var friction: [Double]
        /// 1: frictionless; 3: sliding friction.
        public var condim: Int
        /// Its contacts' softness (`solref`, `solimp`).
        public var softness: Softness
    }
}
