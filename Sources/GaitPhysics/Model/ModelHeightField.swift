extension Model {
    /// A height field (MuJoCo's `<hfield>` asset): a grid of elevations over a rectangle centred
    /// on its geom's frame, resting on a slab. ODE collides with it as triangles between the samples.
    public struct HeightField: Sendable, Hashable {
        /// The most samples a height field may hold.
        public static let maximumSamples = 1_000_000

        /// Samples along y (MuJoCo's `nrow`), at least 2.
        public var rows: Int
        /// Samples along x (MuJoCo's `ncol`), at least 2.
        public var columns: Int
        /// Half its extent along x (MuJoCo's radius_x).
        public var radiusX: Double
        /// Half its extent along y (MuJoCo's radius_y).
        public var radiusY: Double
        /// The height of a sample of 1 (MuJoCo's elevation_z).
        public var elevation: Double
        /// The slab's depth below height 0 (MuJoCo's base_z).
        public var base: Double
        /// `rows × columns` samples from 0 to 1, row-major; row 0 lies at y = −radiusY and column 0
        /// at x = −radiusX, as in MuJoCo's `hfield_data`.
        public var samples: [Double]

        /// The height field of `samples` (row-major, row 0 at y = −radiusY) scaled to [0, 1] by
        /// their smallest and largest value, as MuJoCo's compiler does (all 0 when they are equal).
        public init(rows: Int, columns: Int, radiusX: Double, radiusY: Double, elevation: Double, base: Double, samples: [Double]) {
            precondition(rows >= 2 && columns >= 2 && rows * columns == samples.count, "a height field needs rows × columns samples, at least 2 × 2")
            let lowest = samples.min() ?? 0, span = (samples.max() ?? 0) - lowest
            (self.rows, self.columns, self.radiusX, self.radiusY, self.elevation, self.base) = (rows, columns, radiusX, radiusY, elevation, base)
            self.samples = span > 0 ? samples.map { ($0 - lowest) / span } : [Double](repeating: 0, count: samples.count)
        }
    }
}
