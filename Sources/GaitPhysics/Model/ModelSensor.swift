extension Model {
    /// A sensor Gait reads (MuJoCo's `<sensor>` children), in MuJoCo's units and frames.
    public struct Sensor: Sendable, Hashable {
        /// What a sensor measures.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// A hinge's or slide's coordinate (1 value).
            case jointpos
            /// A hinge's or slide's rate (1).
            case jointvel
            /// A site's or body's position, world frame (3).
            case framepos
            /// A site's or body's orientation quaternion w x y z, world frame (4).
            case framequat
            /// A site's or body's linear velocity, world frame (3).
            case framelinvel
            /// A site's or body's angular velocity, world frame (3).
            case frameangvel
            /// A site's angular velocity in the site's frame (3).
            case gyro
            /// A site's linear velocity in the site's frame (3).
            case velocimeter
            /// A body's subtree centre of mass (3).
            case subtreecom
            /// A body's subtree linear momentum over its mass (3).
            case subtreelinvel
            /// The normal force of the contacts on the site's body whose point lies in the site's volume (1).
            case touch
            /// The distance from a site along its z axis to the nearest geom that is not on the
            /// site's body, or −1 when the ray meets none (1).
            case rangefinder

            /// How many values it reads.
            public var dimension: Int {
                switch self {
                case .jointpos, .jointvel, .touch, .rangefinder: 1
                case .framequat: 4
                default: 3
                }
            }

            /// `value` limited by a positive `cutoff` as MuJoCo limits this kind's data: a touch
            /// force to at most the cutoff, a quaternion not at all, anything else (a
            /// rangefinder's −1 too) to ±cutoff.
            func limit(_ value: Double, to cutoff: Double) -> Double {
                switch self {
                case .touch: min(value, cutoff)
                case .framequat: value
                default: min(max(value, -cutoff), cutoff)
                }
            }
        }

        /// The sensor's name, or "" when unnamed.
        public var name: String
        /// What it measures.
        public var kind: Kind
        /// The joint (jointpos, jointvel), body (subtree sensors, frame sensors on a body) or site
        /// (the others, and frame sensors on a site) it reads.
        public var object: Int
        /// For frame sensors: whether `object` is a site (else a body).
        public var onSite: Bool
        /// The largest magnitude a value may have (see `Kind`), or 0 for no limit (MuJoCo's `cutoff`).
        public var cutoff: Double = 0
    }
}
