import GaitPhysics
import GaitRuns

/// A model simulated from a start state under constant controls, for `gait model --simulate`:
/// the time, generalized positions and velocities (MuJoCo's qpos and qvel layouts) and the readings of the sensors Gait
/// reads (`sensors` names them, in model order) after every physics step.
struct ModelTrajectory: Encodable {
    var time: [Double] = []
    var qpos: [[Double]] = []
    var qvel: [[Double]] = []
    var sensors: [String] = []
    var sensordata: [[Float]] = []

    /// The most physics steps one trajectory may have.
    static let maximumSteps = 1_000_000

    /// Simulates `model` for `seconds` from `start` (a keyframe, or the reference configuration).
    init(model: Model, start: Model.Keyframe?, controls: [Double], seconds: Double) throws(PhysicsError) {
        let simulation = Simulation(model: model)
        if let start { try simulation.setState(positions: start.positions, velocities: start.velocities) }
        let steps = Int((seconds / model.timestep).rounded())
        sensors = model.sensors.map(\.name)
        var readings = [Float](repeating: 0, count: model.sensors.reduce(0) { $0 + $1.kind.dimension })
        for _ in 0..<steps {
            try simulation.step(controls: controls)
            time.append(simulation.time)
            qpos.append(simulation.positions())
            qvel.append(simulation.velocities())
            var index = 0
            for sensor in model.sensors { index = simulation.read(sensor, into: &readings, at: index) }
            sensordata.append(readings)
        }
    }
}
