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

    @Test("a task whose observation changes its layout with the state fails the step with one clear error",
          arguments: [(ShiftingTask.Shift.extraPart, "the task wrote a part 'falling' beyond its layout's 1"),
                      (.resizedParts, "the task wrote part 'second' from value 2 where its layout has 'second' from value 1"),
                      (.shortWrite, "the task's part 'reading' wrote 1 values where it declares 2")])
    func stateDependentLayoutIsRefused(shift: ShiftingTask.Shift, expected: String) throws {
        let environment = PhysicsEnvironment(model: BuiltinEnvironments.models["walker"]!, task: ShiftingTask(shift: shift), seed: 1)
        _ = try environment.reset(seed: 1)
        let error = #expect(throws: EnvironmentError.self) { try environment.step([Float](repeating: 0, count: 6)) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }
}

/// A walker task whose observation changes its layout once the robot moves (it starts at rest).
struct ShiftingTask: PhysicsTask {
    enum Shift: Sendable { case extraPart, resizedParts, shortWrite }
    let shift: Shift
    let substeps = 1

    func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {}

    func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
        let moving = simulation.jointVelocity(1) != 0
        switch shift {
        case .extraPart:
            writer.append("height", simulation.jointPosition(1))
            if moving { writer.append("falling", simulation.jointVelocity(1)) }
        case .resizedParts:
            writer.part("first")
            for _ in 0..<(moving ? 2 : 1) { writer.add(simulation.jointPosition(1)) }
            writer.part("second")
            for _ in 0..<(moving ? 1 : 2) { writer.add(simulation.jointVelocity(1)) }
        case .shortWrite:
            writer.append("reading", size: 2) { values, start in
                values[start] = Float(simulation.jointPosition(1))
                return moving ? start + 1 : start + 2
            }
        }
    }

    func reward(_ readings: Void, of simulation: Simulation, actions: [Double], info: inout Info) -> Double { 0 }
}
