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

    /// A hinge whose reference lies past half a turn, a gimbal whose first and last hinges have no
    /// limits, and a wheel (its mass on its axis, so ODE's hinge rows do not slow it).
    static let others = """
        <mujoco><option gravity="0 0 0" timestep="0.01"/><worldbody>
        <body pos="0 0 1"><joint name="beyond" axis="0 1 0" ref="200"/><geom type="capsule" fromto="0 0 0 0 0 -0.3" size="0.03"/></body>
        <body pos="1 0 1"><joint name="x" axis="1 0 0"/><joint name="z" axis="0 0 1" range="-60 60"/><joint name="y" axis="0 1 0"/>
        <geom type="box" size="0.1 0.05 0.2" pos="0 0 -0.2"/></body>
        <body pos="2 0 1"><joint name="wheel" axis="0 1 0"/><geom type="cylinder" size="0.2 0.05" zaxis="0 1 0"/></body>
        </worldbody></mujoco>
        """

    @Test("a reference past half a turn reads as itself from the start, without a reset")
    func referencePastHalfATurn() throws {
        let simulation = Simulation(model: try Model(mjcf: Self.others))
        try simulation.step(controls: [], substeps: 10)
        #expect(abs(simulation.jointPosition(0) - 200 * .pi / 180) < 1e-9, "\(simulation.jointPosition(0))")
    }

    @Test("a gimbal's hinges without limits read back the coordinates they were placed at, pose after pose")
    func gimbalHinges() throws {
        let model = try Model(mjcf: Self.others)
        let simulation = Simulation(model: model)
        #expect(simulation.turns.joints == [0, 1, 3, 4])
        for pose in [[0.3, 0.2, 4.0], [-2.5, -0.4, -4.5], [7.0, 0.1, 0.5]] {
            var q = model.referencePositions
            q.replaceSubrange(1...3, with: pose)
            try simulation.setPositions(q)
            for (joint, angle) in zip(1...3, pose) { #expect(abs(simulation.jointPosition(joint) - angle) < 1e-9, "\(pose)") }
        }
    }

    @Test("a wheel spun at 1000 rad/s, 10 rad a step at its rate, reads the turns ODE made: less than half a turn a step")
    func fastWheel() throws {
        let model = try Model(mjcf: Self.others)
        let simulation = Simulation(model: model)
        var v = [Double](repeating: 0, count: model.velocityCount)
        v[4] = 1_000
        try simulation.setState(positions: model.referencePositions, velocities: v)
        try simulation.step(controls: [], substeps: 10)
        // ODE turns a body 2·atan(h·ω/2) a step, 2.75 rad here (MuJoCo's exact 10 rad is not ODE's).
        #expect(abs(simulation.jointPosition(4) - 10 * 2 * atan(0.01 * 1_000 / 2)) < 1e-6, "\(simulation.jointPosition(4))")
    }

    @Test("placing a hinge without limits beyond the largest angle is refused with one error")
    func hugeCoordinate() throws {
        let model = try Model(mjcf: Self.others)
        var q = model.referencePositions
        q[4] = 1e30
        #expect(throws: PhysicsError.self) { try Simulation(model: model).setPositions(q) }
    }

    @Test("a snapshot refused for bodies the joints do not hold leaves the simulation as it was, turns and all")
    func refusedSnapshotKeepsTheTurns() throws {
        let simulation = try turned()
        var moved = simulation.state()
        let before = moved
        moved.values[0] += 1
        #expect(throws: PhysicsError.self) { try simulation.restore(moved) }
        #expect(simulation.state() == before)
        try simulation.step(controls: [], substeps: 50)
        let other = Simulation(model: simulation.model)
        try other.restore(before)
        try other.step(controls: [], substeps: 50)
        #expect(other.state() == simulation.state())
    }

    @Test("a snapshot from before turns were counted starts them at 0; turns that are not whole numbers are refused")
    func oldAndBadSnapshots() throws {
        let simulation = try turned()
        var snapshot = simulation.state()
        let expected = simulation.jointPosition(0)
        let old = SimulationState(time: snapshot.time, values: Array(snapshot.values.dropLast()))
        try simulation.restore(old)
        #expect(abs(simulation.jointPosition(0) - (expected - 4 * .pi)) < 1e-12)
        for bad in [0.5, 2e13] {
            snapshot.values[snapshot.values.count - 1] = bad
            #expect(throws: PhysicsError.self) { try simulation.restore(snapshot) }
        }
        #expect(abs(simulation.jointPosition(0) - (expected - 4 * .pi)) < 1e-12, "a refused snapshot leaves the simulation as it was")
    }

    @Test("a hinge whose range is wider than a turn is counted; placed, or restored from a snapshot without turns, it reads its coordinate",
          arguments: ["-540 540", "-100 400", "-400 100"])
    func wideRangeIsCounted(_ written: String) throws {
        let model = try Model(mjcf: Self.model.replacingOccurrences(of: #"range="-90 90""#, with: #"range="\#(written)""#))
        let simulation = Simulation(model: model)
        #expect(simulation.turns.joints == [0, 1] && model.joints[1].limitsFollowTurns)
        #expect(abs(simulation.jointPosition(1)) < 1e-12, "\(simulation.jointPosition(1)) at the reference, before any reset")
        let range = try #require(model.joints[1].range)
        // A snapshot from before turns were counted held such a hinge within half a turn of the middle.
        for angle in [(range.lowerBound + range.upperBound) / 2 + 3, (range.lowerBound + range.upperBound) / 2 - 2.5, 0] {
            try simulation.setPositions([0, angle])
            let snapshot = simulation.state()
            try simulation.restore(SimulationState(time: snapshot.time, values: Array(snapshot.values.dropLast(2))))
            #expect(abs(simulation.jointPosition(1) - angle) < 1e-9, "\(written): \(simulation.jointPosition(1)), placed at \(angle)")
        }
    }
}
