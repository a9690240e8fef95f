import Foundation
import Testing
@testable import GaitPhysics

/// An assertion inside ODE (which would abort the process) becomes a `PhysicsError` for the
/// step that triggered it; the simulation then refuses to step until a state is restored.
@Suite("ODE failures")
struct EngineFailureTests {
    @Test("a NaN that reaches ODE within a step is an error, not an abort; restoring a state continues")
    func assertionInAStep() throws {
        let model = try Model(mjcf: #"<mujoco><worldbody><geom type="plane" size="5 5 0.1"/><body pos="0 0 1"><freejoint/><geom type="sphere" size="0.1"/></body></worldbody></mujoco>"#)
        let simulation = Simulation(model: model)
        let saved = simulation.state()
        simulation.rigidBodies[0].angularVelocity = Vector3(.nan, 0, 0)
        #expect {
            try simulation.step(controls: [])
        } throws: { error in
            guard case PhysicsError.engine(_, let reason) = error else { return false }
            return reason.contains("ormalize")
        }
        #expect(throws: PhysicsError.self) { try simulation.step(controls: []) }
        try simulation.restore(saved)
        try simulation.step(controls: [], substeps: 100)
        #expect(simulation.bodyPosition(1).z < 1)
    }

    @Test("more bodies touching at once than ODE's solver takes in reasonable time is an error before the step, not a hang")
    func tooManyContacts() throws {
        let sphere = #"<body pos="0 0 0.1"><freejoint/><geom type="sphere" size="0.1"/></body>"#
        let model = try Model(mjcf: #"<mujoco><worldbody><geom type="plane" size="5 5 0.1"/>"#
                                  + String(repeating: sphere, count: 40) + "</worldbody></mujoco>")
        let simulation = Simulation(model: model)
        let before = simulation.positions()
        #expect {
            try simulation.step(controls: [])
        } throws: { error in
            guard case PhysicsError.tooManyContacts(_, let rows, let limit) = error else { return false }
            return rows == 4 * (40 * 39 / 2 + 40) && rows > limit
        }
        #expect(simulation.positions() == before)
    }
}
