import Foundation
import Testing
@testable import GaitPhysics

@Suite("Whole turns of hinges without limits") struct HingeTurnsTests {
    /// An arm on a hinge without limits, in no gravity, and one on a limited hinge.
    static let model = """
        <mujoco><option gravity="0 0 0" timestep="0.002"/><worldbody>
        <body pos="0 0 1"><joint name="free_turning" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0 0 -0.3" size="0.03"/></body>
        <body pos="1 0 1"><joint name="limited" axis="0 1 0" range="-90 90"/><geom type="capsule" fromto="0 0 0 0 0 -0.3" size="0.03"/></body>
        </worldbody></mujoco>
        """

    /// A simulation whose free arm turned for 1 s at 10 rad/s from 0: 1.6 turns, past ODE's seam at
    /// +π twice.
    func turned() throws -> Simulation {
        let simulation = Simulation(model: try Model(mjcf: Self.model))
        try simulation.setState(positions: [0, 0], velocities: [10, 0])
        try simulation.step(controls: [], substeps: 500)
        return simulation
    }

    @Test("the angle goes on past half a turn as MuJoCo's qpos does; only the hinge without limits is counted")
    func angleGrowsPastHalfATurn() throws {
        let simulation = try turned()
        #expect(abs(simulation.jointPosition(0) - 10) < 0.05, "\(simulation.jointPosition(0))")
        #expect(simulation.turns.joints == [0])
        try simulation.setState(positions: [0, 0], velocities: [-10, 0])
        try simulation.step(controls: [], substeps: 500)
        #expect(abs(simulation.jointPosition(0) + 10) < 0.05, "\(simulation.jointPosition(0))")
    }

    @Test("placing the bodies at a coordinate beyond half a turn reads it back")
    func placingKeepsTheTurns() throws {
        let simulation = Simulation(model: try Model(mjcf: Self.model))
        for angle in [7.5, -20.0, 3.0] {
            try simulation.setPositions([angle, 0])
            #expect(abs(simulation.jointPosition(0) - angle) < 1e-9)
        }
    }

    @Test("a snapshot keeps the turns: restored, here or in another simulation, the run goes on bit for bit")
    func snapshotKeepsTheTurns() throws {
        let simulation = try turned()
        let snapshot = simulation.state()
        #expect(snapshot.values.last == 2, "the free arm's turns, last: 10 rad is ODE's −2.57 rad and 2 turns")
        try simulation.step(controls: [], substeps: 100)
        let straight = simulation.state()
        let other = Simulation(model: simulation.model)
        try other.restore(snapshot)
        try other.step(controls: [], substeps: 100)
        #expect(other.state() == straight)
        #expect(other.jointPosition(0) == simulation.jointPosition(0))
    }

    @Test("a snapshot from before turns were counted starts them at 0; turns that are not whole numbers are refused")
    func oldAndBadSnapshots() throws {
        let simulation = try turned()
        var snapshot = simulation.state()
        let expected = simulation.jointPosition(0)
        let old = SimulationState(time: snapshot.time, values: Array(snapshot.values.dropLast()))
        try simulation.restore(old)
        #expect(abs(simulation.jointPosition(0) - (expected - 4 * .pi)) < 1e-12)
        for bad in [0.5, 2e12] {
            snapshot.values[snapshot.values.count - 1] = bad
            #expect(throws: PhysicsError.self) { try simulation.restore(snapshot) }
        }
        #expect(abs(simulation.jointPosition(0) - (expected - 4 * .pi)) < 1e-12, "a refused snapshot leaves the simulation as it was")
    }
}
