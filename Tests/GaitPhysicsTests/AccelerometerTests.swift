import Testing
@testable import GaitPhysics

/// Accelerometers read the last step's change of velocity, which is part of a simulation's state.
struct AccelerometerTests {
    private let model: Model

    init() throws {
        model = try Model(mjcf: """
            <mujoco><worldbody><body name="arm"><joint name="swing" axis="0 1 0"/>
            <geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/><site name="tip" pos="0.3 0 0"/></body></worldbody>
            <actuator><motor joint="swing"/></actuator><sensor><accelerometer site="tip"/></sensor></mujoco>
            """)
    }

    private func reading(_ simulation: Simulation) -> [Float] {
        var values = [Float](repeating: 0, count: 3)
        _ = simulation.read(model.sensors[0], into: &values, at: 0)
        return values
    }

    @Test("a restored snapshot reads and steps as the simulation it was taken from")
    func restoredSnapshotRepeats() throws {
        let simulation = Simulation(model: model)
        for _ in 0..<20 { try simulation.step(controls: [0.5]) }
        let copy = Simulation(model: model)
        try copy.restore(simulation.state())
        #expect(reading(copy) == reading(simulation))
        #expect(reading(simulation) != reading(Simulation(model: model)), "the swinging arm's tip accelerates")
        try simulation.step(controls: [-0.3])
        try copy.step(controls: [-0.3])
        #expect(reading(copy) == reading(simulation))
    }

    @Test("a snapshot without the velocities before the step, as older versions saved, is accepted and steps alike")
    func olderSnapshot() throws {
        let simulation = Simulation(model: model)
        for _ in 0..<20 { try simulation.step(controls: [0.5]) }
        let state = simulation.state(), bodies = state.values.count / (SimulationState.valuesPerBody + 6)
        let older = Simulation(model: model)
        try older.restore(SimulationState(time: state.time, values: Array(state.values.prefix(bodies * SimulationState.valuesPerBody))))
        #expect(reading(older) != reading(simulation), "it has no last step to read")
        try simulation.step(controls: [0.2])
        try older.step(controls: [0.2])
        #expect(reading(older) == reading(simulation))
        let cut = Array(state.values.dropLast(simulation.turns.joints.count + 1))
        #expect(throws: PhysicsError.self) { try older.restore(SimulationState(time: 0, values: cut)) }
    }
}
