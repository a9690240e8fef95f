/// A complete snapshot of a simulation's mutable state, as a value.
///
/// Restoring a snapshot and stepping reproduces, bit for bit, what the simulation did after the
/// snapshot was taken. The values are internal coordinates; store them, do not interpret them.
public struct SimulationState: Sendable, Hashable, Codable {
    /// Simulation time in seconds.
    public var time: Double
    /// Per rigid body: position (3), orientation (4), linear (3) and angular (3) velocity; then,
    /// in a model with acceleration sensors, each rigid body's velocities before the last step
    /// (6 each); then, in a model with activation dynamics, one activation per such actuator.
    public var values: [Double]

    /// Creates a snapshot from stored values (checked against the model when restored).
    public init(time: Double, values: [Double]) {
        self.time = time
        self.values = values
    }

    /// How many values one rigid body takes.
    static let valuesPerBody = 13
}
