extension Model {
    /// The medium the bodies move through (MuJoCo's `<option density viscosity wind>`). With a
    /// density or a viscosity above 0, every body with mass feels MuJoCo's inertia-box drag (see
    /// `FluidDrag`); by default there is none.
    public struct Fluid: Sendable, Hashable {
        /// The medium's density in kg/m³ (air 1.2, water 1000): quadratic drag.
        public var density = 0.0
        /// The medium's dynamic viscosity in Pa·s (air 1.8e-5, water 9e-4): linear (Stokes) drag.
        public var viscosity = 0.0
        /// The medium's velocity in world axes.
        public var wind = Vector3.zero

        /// Whether the medium pushes on the bodies at all.
        public var exertsForce: Bool { density > 0 || viscosity > 0 }
    }
}
