import Testing
@testable import GaitPhysics

@Suite("Height fields") struct HeightFieldTests {
    @Test("a height field's samples are MuJoCo's: the elevation's first row at +y, scaled to [0, 1]")
    func samplesAsMuJoCoCompilesThem() throws {
        let model = try Model(mjcf: """
            <mujoco><asset><hfield name="h" nrow="2" ncol="3" size="1 2 0.5 0.1" elevation="0 1 2 3 4 8"/></asset>
            <worldbody><geom type="hfield" hfield="h"/></worldbody></mujoco>
            """)
        guard case .heightField(let field) = model.geoms[0].shape else {
            Issue.record("expected a height field")
            return
        }
        #expect(field.samples == [3, 4, 8, 0, 1, 2].map { $0 / 8.0 })
        #expect((field.rows, field.columns, field.radiusX, field.radiusY, field.elevation, field.base) == (2, 3, 1, 2, 0.5, 0.1))
        #expect(model.bodies[0].massProperties.mass == 0, "it has no mass")
    }

    @Test("a sphere dropped onto a height field's plateau comes to rest on it, the field turned or not", arguments: ["", "euler=\"0 0 90\""])
    func sphereRestsOnThePlateau(turn: String) throws {
        // Every sample 1 but one corner's: the cells away from that corner are flat at 0.3 + 0.05.
        let model = try Model(mjcf: """
            <mujoco><option timestep="0.002"/><asset><hfield name="h" nrow="3" ncol="3" size="1 1 0.3 0.1" elevation="1 1 1 1 1 1 1 1 0"/></asset>
            <worldbody><geom type="plane" size="5 5 0.1"/><geom type="hfield" hfield="h" pos="0 0 0.05" \(turn)/>
            <body pos="-0.5 0.5 1"><freejoint/><geom type="sphere" size="0.1"/></body></worldbody></mujoco>
            """)
        let simulation = Simulation(model: model)
        for _ in 0..<1_000 { try simulation.step(controls: []) }
        let centre = simulation.positions()
        #expect(abs(centre[2] - (0.05 + 0.3 + 0.1)) < 1e-3, "height \(centre[2])")
        #expect(abs(centre[0] + 0.5) < 1e-6 && abs(centre[1] - 0.5) < 1e-6, "it stays where it landed")
    }
}
