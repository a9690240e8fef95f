import GaitCore
import GaitPhysics

/// A task that also observes some of its model's sensors: their readings follow the task's own
/// observation, one named part per sensor (an environment file's `observe:`).
public struct SensorTask: PhysicsTask {
    /// The task whose observation is extended.
    public let base: any PhysicsTask
    /// The sensors read, in order.
    public let sensors: [Model.Sensor]
    public let observationParts: [ObservationPart]
    private let baseSize: Int

    /// Observes the sensors `names` of `model` after `base`'s observation.
    public init(_ base: any PhysicsTask, model: Model, sensors names: [String]) throws(TaskError) {
        self.base = base
        var sensors: [Model.Sensor] = []
        for name in names {
            guard let index = model.sensor(named: name) else {
                let known = model.sensors.map(\.name).filter { !$0.isEmpty }
                throw .unsuitableModel(task: "observe", reason: "the model has no sensor named '\(name)' that Gait reads (it has \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
            }
            sensors.append(model.sensors[index])
        }
        self.sensors = sensors
        baseSize = base.observationSize
        observationParts = base.observationParts + sensors.map { ObservationPart($0.name, size: $0.kind.dimension) }
    }

    public var substeps: Int { base.substeps }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try base.reset(simulation, random: &random)
    }

    public func observe(_ simulation: Simulation, into observation: inout [Float]) {
        base.observe(simulation, into: &observation)
        var index = baseSize
        for sensor in sensors { index = simulation.read(sensor, into: &observation, at: index) }
    }

    public func isTerminal(_ simulation: Simulation) -> Bool { base.isTerminal(simulation) }

    public func reward(_ simulation: Simulation, controls: [Double], info: inout Info) -> Double {
        base.reward(simulation, controls: controls, info: &info)
    }
}
