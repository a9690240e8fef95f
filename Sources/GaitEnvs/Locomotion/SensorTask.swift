import GaitCore
import GaitPhysics

/// A task that also observes some of its model's sensors: their readings follow the task's own
/// observation, one named part per sensor (an environment file's `observe:`).
public struct SensorTask<Base: PhysicsTask>: TaskWrapper {
    /// The task whose observation is extended.
    public let base: Base
    /// The sensors read, in order.
    public let sensors: [Model.Sensor]

    /// Observes the sensors `names` of `model` after `base`'s observation.
    public init(_ base: Base, model: Model, sensors names: [String]) throws(TaskError) {
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
    }

    public func observe(_ readings: Base.Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        base.observe(readings, of: simulation, into: &writer)
        for sensor in sensors {
            writer.append(sensor.name, size: sensor.kind.dimension) { values, start in simulation.read(sensor, into: &values, at: start) }
        }
    }
}
