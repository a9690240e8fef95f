import Foundation
import Testing
@testable import GaitPhysics

/// MuJoCo's inertia-box fluid model (`<option density viscosity wind>`); the Python tests follow
/// MuJoCo's own trajectories through it.
@Suite("Fluid forces")
struct FluidTests {
    /// A free box of half sizes `half` (2 kg) in zero gravity, in a fluid of `options`.
    private func box(_ options: String, half: Vector3 = Vector3(0.3, 0.1, 0.05)) throws -> Model {
        try Model(mjcf: """
            <mujoco><option gravity="0 0 0" timestep="0.001" \(options)/>
            <worldbody><body><freejoint/><geom type="box" size="\(half.x) \(half.y) \(half.z)" mass="2"/></body></worldbody></mujoco>
            """)
    }

    @Test("an inertia's principal moments and axes come back from any turn of it")
    func principalAxes() {
        let turn = Quaternion(axis: Vector3(1, 2, 3), angle: 0.7).matrix
        let moments = Vector3(1, 2, 3.5)
        let inertia = turn * .diagonal(moments) * turn.transposed
        let (values, axes) = inertia.symmetricEigen()
        #expect(Set([values.x, values.y, values.z].map { ($0 * 1e9).rounded() }) == Set([1e9, 2e9, 3.5e9]))
        for (value, axis) in zip([values.x, values.y, values.z], [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)]) {
            let direction = axes.rotate(axis)
            #expect((inertia * direction - value * direction).length < 1e-12)
        }
        let diagonal = Matrix3.diagonal(moments).symmetricEigen()
        #expect(diagonal.values == moments && diagonal.axes == .identity)
    }

    @Test("a box moving along and turning about its axes feels drag from its own sides: ½ρ·area·v², 3πdμ·v and ρ·b·(c⁴ + e⁴)/64·ω²")
    func dragFromTheBoxSides() throws {
        let half = Vector3(0.3, 0.1, 0.05), sides = 2 * half
        let fluid = Model.Fluid(density: 1000, viscosity: 0.5, wind: Vector3(0, 1, 0))
        let mass = try box("", half: half).bodies[1].massProperties
        let drag = try #require(FluidDrag(body: 1, mass: mass, fluid: fluid))
        let diameter = (sides.x + sides.y + sides.z) / 3
        let (force, torque) = drag.wrench(axes: drag.principalFrame.rotation, velocity: Vector3(2, 1, 0),
                                          angularVelocity: Vector3(0, 0, 3), wind: fluid.wind)
        let along = drag.principalFrame.rotation.conjugate.rotate(force), about = drag.principalFrame.rotation.conjugate.rotate(torque)
        let expectedForce = -0.5 * 1000 * sides.y * sides.z * 4 - 3 * Double.pi * diameter * 0.5 * 2
        let expectedTorque = -1000 * sides.z * (pow(sides.x, 4) + pow(sides.y, 4)) / 64 * 9 - Double.pi * pow(diameter, 3) * 0.5 * 3
        // The principal axes are the box's, in some order and sense: compare magnitudes.
        #expect(abs(along.length - abs(expectedForce)) < 1e-9 * abs(expectedForce))
        #expect(abs(about.length - abs(expectedTorque)) < 1e-9 * abs(expectedTorque))
        #expect(FluidDrag(body: 1, mass: .zero, fluid: fluid) == nil)
    }

    @Test("in a viscous fluid alone a sliding box slows as e^(−3πdμ·t/m)")
    func stokesDecay() throws {
        let model = try box(#"viscosity="0.3""#)
        let simulation = Simulation(model: model)
        try simulation.setState(positions: [0, 0, 0, 1, 0, 0, 0], velocities: [1, 0, 0, 0, 0, 0])
        try simulation.step(controls: [], substeps: 1000)
        let diameter = 2 * (0.3 + 0.1 + 0.05) / 3
        let expected = exp(-3 * Double.pi * diameter * 0.3 * simulation.time / 2)
        #expect(abs(simulation.bodyLinearVelocity(1).x - expected) < 1e-3 * expected)
        #expect(expected < 0.75)
    }

    @Test("a fluid's density, viscosity and wind are checked")
    func badFluid() {
        for (option, name) in [(#"density="-1""#, "density"), (#"viscosity="1e9""#, "viscosity"), (#"wind="0 nan 0""#, "wind"),
                               (#"wind="1e5 0 0""#, "wind")] {
            #expect { try box(option) } throws: { "\($0)".contains(name) }
        }
    }
}
