/// Why a simulation step could not be taken.
public enum PhysicsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The state blew up (a non-finite value or a runaway velocity); restore a state to continue.
    case unstable(time: Double, body: String, detail: String)
    /// ODE itself failed within a step (an internal assertion, caught instead of ending the
    /// process); restore a state to continue.
    case engine(time: Double, reason: String)
    /// More bodies touched at once than ODE's exact solver can take in reasonable time: more than
    /// `limit` contact rows (each contact with friction is 4) bind one group of bodies; nothing moved.
    case tooManyContacts(time: Double, rows: Int, limit: Int)
    /// The number of controls does not match the model's actuators.
    case wrongControlCount(expected: Int, got: Int)
    /// A control was NaN or infinite.
    case nonFiniteControl(index: Int)
    /// A state snapshot that belongs to a different model.
    case stateMismatch(expected: Int, got: Int)
    /// A state with values no simulation can be in (a snapshot damaged or edited, or positions
    /// no robot can take); the text says what and why.
    case invalidState(String)
    /// Generalized positions or velocities (`qpos`, `qvel`) of the wrong length for the model.
    case wrongCoordinateCount(name: String, expected: Int, got: Int)
    /// A generalized position or velocity that is NaN or infinite.
    case nonFiniteCoordinate(name: String, index: Int)

    public var description: String {
        switch self {
        case .unstable(let time, let body, let detail):
            "physics became unstable at t=\(time)s on body '\(body)' (\(detail)); reset or restore a state, or use smaller time steps"
        case .engine(let time, let reason):
            "the physics engine (ODE) failed at t=\(time)s: \(reason); reset or restore a state, or use smaller time steps"
        case .tooManyContacts(let time, let rows, let limit):
            "at t=\(time)s \(rows) contact rows (4 per contact with friction) bind one group of touching bodies, more than the "
                + "\(limit) ODE's exact solver takes in reasonable time; start bodies apart rather than inside each other, or "
                + "exclude pairs that need not collide (contype and conaffinity, or <contact><exclude>)"
        case .wrongControlCount(let expected, let got):
            "expected \(expected) controls (one per actuator), got \(got)"
        case .nonFiniteControl(let index):
            "control \(index) is NaN or infinite; controls must be finite numbers"
        case .invalidState(let why):
            "the state cannot be restored: \(why)"
        case .wrongCoordinateCount(let name, let expected, let got):
            "expected \(expected) values in \(name) (this model's), got \(got)"
        case .nonFiniteCoordinate(let name, let index):
            "\(name)[\(index)] is NaN or infinite; positions and velocities must be finite numbers"
        case .stateMismatch(let expected, let got):
            "the state has \(got) values but this model's state has \(expected); it was saved from a different model"
        }
    }
}
