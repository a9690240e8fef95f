/// MuJoCo's inertia-box fluid model for one body (its default model, MuJoCo's
/// `mj_inertiaBoxFluidModel`): the body moves through the medium as the uniform box with its
/// mass and principal moments of inertia. Viscosity gives Stokes drag on a sphere as wide as the
/// box's mean side; density gives quadratic drag on the box's faces along, and about, each of its
/// principal axes. The forces follow from the velocities at the start of a step, as in MuJoCo.
struct FluidDrag {
    /// The model body it acts on.
    let body: Int
    /// The body's centre of mass and principal axes of inertia, in its frame.
    let principalFrame: Pose
    /// Force per unit velocity (viscous) and per squared velocity along each principal axis.
    private let linearViscous: Double, linearQuadratic: Vector3
    /// Torque per unit angular velocity (viscous) and per squared angular velocity about each axis.
    private let angularViscous: Double, angularQuadratic: Vector3

    /// The drag on `body` with its own `mass` properties in `fluid`; nil for a body without
    /// mass (below MuJoCo's 1e-15), which MuJoCo leaves out.
    init?(body: Int, mass: MassProperties, fluid: Model.Fluid) {
        guard mass.mass >= Model.smallestValue else { return nil }
        self.body = body
        let (moments, axes) = mass.inertia.symmetricEigen()
        principalFrame = Pose(position: mass.center, rotation: axes)
        // The box's sides from its moments: I₀ = m·(b₁² + b₂²)/12 and so on.
        func side(_ own: Double, _ others: Double) -> Double { (max(Model.smallestValue, others - own) / mass.mass * 6).squareRoot() }
        let box = Vector3(side(moments.x, moments.y + moments.z), side(moments.y, moments.x + moments.z),
                          side(moments.z, moments.x + moments.y))
        let diameter = (box.x + box.y + box.z) / 3
        linearViscous = 3 * Double.pi * diameter * fluid.viscosity
        angularViscous = Double.pi * diameter * diameter * diameter * fluid.viscosity
        linearQuadratic = 0.5 * fluid.density * Vector3(box.y * box.z, box.x * box.z, box.x * box.y)
        func fourth(_ x: Double) -> Double { x * x * x * x }
        angularQuadratic = fluid.density / 64 * Vector3(box.x * (fourth(box.y) + fourth(box.z)), box.y * (fourth(box.x) + fourth(box.z)),
                                                          box.z * (fourth(box.x) + fourth(box.y)))
    }

    /// The force at the centre of mass and the torque (world axes) on a body whose principal
    /// frame has world orientation `axes`, whose centre of mass moves at `velocity` and which
    /// turns at `angularVelocity` through a medium moving at `wind`.
    func wrench(axes: Quaternion, velocity: Vector3, angularVelocity: Vector3, wind: Vector3) -> (force: Vector3, torque: Vector3) {
        let v = axes.conjugate.rotate(velocity - wind), w = axes.conjugate.rotate(angularVelocity)
        let force = -linearViscous * v - linearQuadratic * Vector3(abs(v.x) * v.x, abs(v.y) * v.y, abs(v.z) * v.z)
        let torque = -angularViscous * w - angularQuadratic * Vector3(abs(w.x) * w.x, abs(w.y) * w.y, abs(w.z) * w.z)
        return (axes.rotate(force), axes.rotate(torque))
    }
}
