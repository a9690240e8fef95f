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
            /// A site's or body's linear acceleration less gravity, world frame (3): over the last
            /// physics step, as `accelerometer`.
            case framelinacc
            /// A site's or body's angular acceleration, world frame (3): over the last physics step.
            case frameangacc
            /// The x axis of a site's or body's frame, world frame (3).
            case framexaxis
            /// The y axis of a site's or body's frame, world frame (3).
            case frameyaxis
            /// The z axis of a site's or body's frame, world frame (3).
            case framezaxis
            /// A site's angular velocity in the site's frame (3).
            case gyro
            /// A site's linear velocity in the site's frame (3).
            case velocimeter
            /// A site's linear acceleration less gravity, in the site's frame (3): over the last
            /// physics step (MuJoCo's is the acceleration at the current state).
            case accelerometer
            /// The force a site's body's parent exerts on the body's subtree, in the site's frame
            /// (3): over the last physics step, as `accelerometer`.
            case force
            /// The torque about the site of what the site's body's parent exerts on the body's
            /// subtree, in the site's frame (3): over the last physics step.
            case torque
            /// A body's subtree centre of mass (3).
            case subtreecom
            /// A body's subtree linear momentum over its mass (3).
            case subtreelinvel
            /// A body's subtree angular momentum about the subtree's centre of mass, world frame (3).
            case subtreeangmom
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
        /// Which frame a sensor's `object` names, as MuJoCo's `objtype`.
        public enum Frame: Sendable, Hashable {
            /// A joint (jointpos, jointvel) or a body whose subtree is read.
            case none
            /// A site's frame.
            case site
            /// A body's own frame (`xbody`).
            case body
            /// A body's inertial frame (`body`): its centre of mass, and axes that are the body's
            /// (the only case Gait reads the orientation of: see `MJCFLoader`).
            case inertial
            /// A geom's frame.
            case geom
        }

        /// The joint (jointpos, jointvel), body (subtree sensors, frame sensors on a body), geom or
        /// site (the others, and frame sensors on a site) it reads.
        public var object: Int
        /// What `object` indexes and, for frame sensors, which frame of it is read.
        public var frame: Frame
        /// The largest magnitude a value may have (see `Kind`), or 0 for no limit (MuJoCo's `cutoff`).
        public var cutoff: Double = 0
    }
}
