import GaitPhysics
import GaitRuns

/// A model simulated from a start state under constant controls, for `gait model --simulate`:
/// the time, generalized positions (MuJoCo's qpos layout) and the readings of the sensors Gait
/// reads (`sensors` names them, in model order) after every physics step.
struct ModelTrajectory: Encodable {
    var time: [Double] = []
    var qpos: [[Double]] = []
    var sensors: [String] = []
    var sensordata: [[Float]] = []

    /// The most physics steps one trajectory may have.
    static let maximumSteps = 1_000_000

    /// Simulates `model` for `seconds` from `start` (a keyframe, or the reference configuration).
    init(model: Model, start: Model.Keyframe?, controls: [Double], seconds: Double) throws(PhysicsError) {
        let simulation = Simulation(model: model)
        if let start {
            guard start.velocities.allSatisfy({ $0 == 0 }) else {
                throw .invalidState("keyframe '\(start.name)' has velocities; Gait starts a keyframe at rest")
            }
            try simulation.setPositions(start.positions)
        }
        let steps = Int((seconds / model.timestep).rounded())
        sensors = model.sensors.map(\.name)
        var readings = [Float](repeating: 0, count: model.sensors.reduce(0) { $0 + $1.kind.dimension })
        for _ in 0..<steps {
            try simulation.step(controls: controls)
            time.append(simulation.time)
            qpos.append(simulation.positions())
            var index = 0
            for sensor in model.sensors { index = simulation.read(sensor, into: &readings, at: index) }
            sensordata.append(readings)
        }
    }
}
