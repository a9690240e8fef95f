import Foundation
import Testing
import GaitCore
@testable import GaitPhysics
@testable import GaitEnvs

/// `restore` accepts every state a simulation reaches and refuses, before ODE sees it, any
/// state it cannot be in: values out of range, orientations that are not unit quaternions,
/// bodies the model's joints do not hold together. A refused snapshot changes nothing.
@Suite("Snapshots: what restore accepts")
struct SnapshotSafetyTests {
    static let robots = ["walker-walk", "cheetah-run", "hopper-hop", "humanoid-stand", "quadruped-walk"]

    @Test("every state of a random-action run restores, and lies well within the joint tolerance", arguments: robots)
    func reachedStatesRestore(id: String) throws {
        let (environment, physics) = try physics(id)
        var random = RandomSource(seed: 7)
        _ = try environment.reset(seed: 7)
        var worst = (distance: 0.0, angle: 0.0)
        for step in 0..<1_500 {
            let action = environment.actionSpace.low.map { _ in Float(random.uniform(-1...1)) }
            let result = try environment.step(action)
            let mismatch = physics.simulation.jointMismatch()
            worst = (max(worst.distance, mismatch.distance), max(worst.angle, mismatch.angle))
            if step % 100 == 0 {
                let snapshot = environment.snapshot()
                try environment.restore(snapshot)
                #expect(environment.snapshot() == snapshot)
            }
            if result.terminated || result.truncated { _ = try environment.reset(seed: nil) }
        }
        #expect(worst.distance < Simulation.jointTolerance.distance / 3 && worst.angle < Simulation.jointTolerance.angle / 3,
                "\(id): the joints let bodies part by \(worst)")
    }

    @Test("another model's state with as many bodies is refused and leaves the simulation as it was")
    func anotherModel() throws {
        let (cheetah, _) = try physics("cheetah-run")
        let (walker, walkerPhysics) = try physics("walker-run")
        _ = try cheetah.reset(seed: 1)
        _ = try walker.reset(seed: 1)
        #expect(cheetah.snapshot().parts.map(\.values.count) == walker.snapshot().parts.map(\.values.count))
        let before = walker.snapshot()
        #expect {
            try walker.restore(cheetah.snapshot())
        } throws: { error in
            "\(error)".contains("another model")
        }
        #expect(walker.snapshot() == before)
        #expect(walkerPhysics.simulation.jointMismatch().distance < 1e-6)
    }

    @Test("out-of-range values, broken quaternions and a planar robot turned out of its plane are refused",
          arguments: [("velocity 1e300", 7, 1e300, "moves at"), ("position 1e300", 0, 1e300, "from the origin"),
                      ("tiny quaternion", 3, 1e-200, "norm"), ("quaternion of norm 2", 3, 2, "norm"),
                      ("turned out of plane", -1, 0.01, "x-z plane"), ("moved out of plane", 2, 0.01, "x-z plane")])
    func impossibleStates(_ name: String, index: Int, value: Double, complaint: String) throws {
        let (walker, physics) = try physics("walker-walk")
        _ = try walker.reset(seed: 2)
        let simulation = physics.simulation
        let state = simulation.state()
        var values = state.values
        if index >= 0 {
            values[index] = value
            if index == 3 { for other in 4..<7 { values[other] = 0 } }
        } else {
            // The torso turned about x, out of the walker's x-z plane (ODE's frame: model x is x).
            let turn = Quaternion(w: cos(value / 2), x: sin(value / 2), y: 0, z: 0)
            let q = turn * Quaternion(w: values[3], x: values[4], y: values[5], z: values[6])
            (values[3], values[4], values[5], values[6]) = (q.w, q.x, q.y, q.z)
        }
        #expect(throws: PhysicsError.self, "\(name)") { try simulation.restore(SimulationState(time: state.time, values: values)) }
        do {
            try simulation.restore(SimulationState(time: state.time, values: values))
        } catch {
            #expect(error.description.contains(complaint), "\(name): \(error)")
        }
        #expect(simulation.state() == state)
        #expect(throws: PhysicsError.self) { try simulation.restore(SimulationState(time: -1, values: state.values)) }
    }
}
