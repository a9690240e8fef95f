import GaitCore
@testable import GaitEnvs
import GaitPhysics
import Testing

@Suite("Observations written as named parts")
struct ObservationLayoutTests {
    @Test("each physics environment's parts, recorded in any state, are its spec's and fill its observation",
          arguments: registry.ids.filter { try! registry.spec($0).tags.contains("locomotion") })
    func partsAreWhatIsWritten(id: String) throws {
        let spec = try registry.spec(id)
        let (environment, physics) = try physics(id, seed: 5)
        var random = RandomSource(seed: 9)
        var observation = try environment.reset(seed: 5).observation
        for _ in 0..<50 {
            #expect(physics.task.observationParts(of: physics.simulation) == spec.observationParts)
            #expect(observation.count == spec.observationSize)
            #expect(physics.task.observation(of: physics.simulation) == observation)
            observation = try environment.step((0..<spec.actionSize).map { _ in Float(random.uniform(-1...1)) }).observation
        }
    }

    @Test("a task whose observation changes size with the state is one clear error, not a crash")
    func stateDependentLayoutIsRefused() throws {
        let walker = BuiltinEnvironments.models["walker"]!
        /// Observes the root's height, and its vertical velocity only while it moves.
        struct Shifting: PhysicsTask {
            let substeps = 1
            func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {}
            func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
                writer.append("height", simulation.jointPosition(1))
                if simulation.jointVelocity(1) != 0 { writer.append("falling", simulation.jointVelocity(1)) }
            }
            func reward(_ readings: Void, of simulation: Simulation, controls: [Double], info: inout Info) -> Double { 0 }
        }
        let environment = PhysicsEnvironment(model: walker, task: Shifting(), seed: 1)
        #expect(try environment.reset(seed: 1).observation.count == 1)
        let error = #expect(throws: EnvironmentError.self) { try environment.step([Float](repeating: 0, count: 6)) }
        #expect(error?.description.contains("the task wrote 2 observation values where its layout has 1") == true, "\(String(describing: error))")
    }
}
