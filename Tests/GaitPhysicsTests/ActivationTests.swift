import Foundation
import Testing
@testable import GaitPhysics

@Suite("Activation dynamics") struct ActivationTests {
    /// A box on a frictionless slide, driven through a filter; another through an integrator
    /// clamped to −0.3…0.5.
    static let model = """
        <mujoco><option gravity="0 0 0"/><default><joint type="slide" axis="1 0 0"/><geom type="box" size="0.05 0.05 0.05" mass="1"/></default>
        <worldbody><body><joint name="a"/><geom/></body><body pos="0 1 0"><joint name="b"/><geom/></body></worldbody>
        <actuator><general joint="a" dyntype="filter" dynprm="0.05"/>
        <general joint="b" dyntype="integrator" actlimited="true" actrange="-0.3 0.5"/></actuator></mujoco>
        """

    @Test("a snapshot keeps the activations: restored, the simulation goes on bit for bit")
    func snapshotKeepsActivations() throws {
        let simulation = Simulation(model: try Model(mjcf: Self.model))
        try simulation.step(controls: [1, 1], substeps: 300)
        let snapshot = simulation.state()
        #expect(snapshot.values.count == 2 * SimulationState.valuesPerBody + 2, "one activation per activated actuator, last")
        #expect(snapshot.values.last == 0.5, "the integrator's activation stops at its range")
        try simulation.step(controls: [-1, -1], substeps: 100)
        let straight = simulation.state()
        try simulation.restore(snapshot)
        try simulation.step(controls: [-1, -1], substeps: 100)
        #expect(simulation.state() == straight)
    }

    @Test("placing the bodies starts the activations at 0, as MuJoCo's reset does")
    func placingClearsActivations() throws {
        let model = try Model(mjcf: Self.model)
        let simulation = Simulation(model: model)
        try simulation.step(controls: [1, 1], substeps: 100)
        try simulation.setPositions(model.referencePositions)
        try simulation.step(controls: [0, 0], substeps: 10)
        #expect(simulation.positions() == model.referencePositions, "no force from an activation left over")
    }

    @Test("a snapshot whose activation lies outside the actuator's range is refused; the starting 0 is not")
    func outOfRangeActivationRefused() throws {
        let narrow = try Model(mjcf: Self.model.replacingOccurrences(of: "actrange=\"-0.3 0.5\"", with: "actrange=\"0.2 0.5\""))
        try Simulation(model: narrow).restore(Simulation(model: narrow).state())
        let simulation = Simulation(model: try Model(mjcf: Self.model))
        var snapshot = simulation.state()
        snapshot.values[snapshot.values.count - 1] = 0.9
        #expect(throws: PhysicsError.self) { try simulation.restore(snapshot) }
        #expect(simulation.state() != snapshot)
    }
}
