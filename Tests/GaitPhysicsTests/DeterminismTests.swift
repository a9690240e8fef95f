import Foundation
import Synchronization
import Testing
@testable import GaitPhysics

@Suite("Determinism and snapshots")
struct DeterminismTests {
    @Test("the same model, state and controls give bit-identical results", arguments: ["walker", "cheetah", "quadruped", "humanoid"])
    func sequential(robot: String) throws {
        let model = try Fixtures.robot(robot)
        let first = try Fixtures.trajectory(Simulation(model: model), steps: 200, substeps: 5)
        let second = try Fixtures.trajectory(Simulation(model: model), steps: 200, substeps: 5)
        #expect(first == second)
        #expect(Set(first.map(\.values)).count == first.count, "the robot moved")
    }

    @Test("two simulations stepping at once on two threads match a sequential run", arguments: ["walker", "humanoid"])
    func twoThreads(robot: String) throws {
        let model = try Fixtures.robot(robot)
        let reference = try Fixtures.trajectory(Simulation(model: model), steps: 300, substeps: 10)
        let results = Mutex<[[SimulationState]]>([])
        let threads = (0..<2).map { _ in
            Thread {
                // Each simulation is created and stepped on its own thread.
                let states = try? Fixtures.trajectory(Simulation(model: model), steps: 300, substeps: 10)
                results.withLock { $0.append(states ?? []) }
            }
        }
        threads.forEach { $0.start() }
        while results.withLock({ $0.count }) < 2 { Thread.sleep(forTimeInterval: 0.005) }
        for states in results.withLock({ $0 }) {
            #expect(states == reference)
        }
    }

    @Test("restoring a snapshot and stepping continues bit for bit", arguments: ["walker", "hopper", "quadruped", "humanoid"])
    func snapshotContinuation(robot: String) throws {
        let model = try Fixtures.robot(robot)
        let original = Simulation(model: model)
        _ = try Fixtures.trajectory(original, steps: 77, substeps: 4)
        let snapshot = original.state()
        let continued = try Fixtures.trajectory(original, steps: 100, substeps: 4, from: 77)

        original.reset()
        try original.restore(snapshot)
        #expect(original.state() == snapshot)
        #expect(try Fixtures.trajectory(original, steps: 100, substeps: 4, from: 77) == continued)

        let fresh = Simulation(model: model)
        try fresh.restore(snapshot)
        #expect(try Fixtures.trajectory(fresh, steps: 100, substeps: 4, from: 77) == continued)
        #expect(fresh.time == original.time)
    }

    @Test("a snapshot of another model is refused")
    func foreignSnapshot() throws {
        let walker = Simulation(model: try Fixtures.robot("walker"))
        let hopper = Simulation(model: try Fixtures.robot("hopper"))
        // 13 values per rigid body, then the whole turns of the one hinge without limits (the root's).
        #expect(throws: PhysicsError.stateMismatch(expected: 7 * 13 + 1, got: 5 * 13 + 1)) {
            try walker.restore(hopper.state())
        }
    }

    @Test("positions or velocities of the wrong length or not finite are refused, naming which, and change nothing")
    func badCoordinates() throws {
        let simulation = Simulation(model: try Fixtures.robot("walker"))
        let q = simulation.model.referencePositions, v = [Double](repeating: 0, count: simulation.model.velocityCount)
        let before = simulation.state()
        #expect(throws: PhysicsError.wrongCoordinateCount(name: "qpos", expected: q.count, got: q.count - 1)) {
            try simulation.setPositions(Array(q.dropLast()))
        }
        var broken = v
        broken[4] = .nan
        #expect(throws: PhysicsError.nonFiniteCoordinate(name: "qvel", index: 4)) {
            try simulation.setState(positions: q, velocities: broken)
        }
        #expect(simulation.state() == before)
        #expect(PhysicsError.nonFiniteCoordinate(name: "qvel", index: 4).description
            == "qvel[4] is NaN or infinite; positions and velocities must be finite numbers")
    }
}
