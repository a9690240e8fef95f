import GaitCore

/// A double integrator with quadratic cost: the linear-quadratic regulator, whose optimal policy
/// and return are known exactly (`solution`).
public final class LQREnvironment: Environment {
    public static let a = [1, 0.1, 0, 1], b = [0.005, 0.1], q = [1.0, 0, 0, 1], r = 0.1
    /// Control per unit of action.
    public static let controlScale = 5.0
    /// Steps per episode.
    public static let horizon = 100
    /// A bound on |position| and |velocity| over any episode (from |x|, |v| ≤ 1 and |u| ≤ 5 for
    /// 100 steps they stay below 600), which a restored state must keep.
    public static let stateLimit = 10_000.0
    /// The Riccati-optimal policy and expected return for this task.
    public static let solution = LQRSolution(a: a, b: b, q: q, r: r, horizon: horizon)

    public let observationSpace = Box.unbounded(2)
    public let actionSpace = Box.actions(1)
    public var settings: [String: String] { ["dynamics": "double integrator, dt 0.1"] }

    /// The state (position, velocity) and the step within the episode.
    public private(set) var state = (0.0, 0.0)
    public private(set) var elapsed = 0
    private var random: RandomSource
    private var info = Info(["state_cost": 0, "control_cost": 0])

    /// An LQR task whose first unseeded reset draws from `seed` (or from system randomness).
    public init(seed: UInt64? = nil) { random = RandomSource(seed: seed ?? .random(in: .min ... .max)) }

    public func reset(seed: UInt64?) -> (observation: [Float], info: Info) {
        if let seed { random = RandomSource(seed: seed) }
        state = (random.uniform(-1...1), random.uniform(-1...1))
        elapsed = 0
        return (observation, Info())
    }

    public func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        let u = Self.controlScale * Double(action[0])
        let (x, v) = state
        let stateCost = x * x + v * v
        let controlCost = Self.r * u * u
        state = (Self.a[0] * x + Self.a[1] * v + Self.b[0] * u, Self.a[2] * x + Self.a[3] * v + Self.b[1] * u)
        elapsed += 1
        info["state_cost"] = stateCost
        info["control_cost"] = controlCost
        return StepResult(observation: observation, reward: -(stateCost + controlCost), terminated: false,
                          truncated: false, info: info)
    }

    /// The Riccati-optimal action for the current state and step (clipped to the action space).
    public var optimalAction: [Float] {
        let u = Self.solution.control(step: elapsed, state: state)
        return [Float(min(max(u / Self.controlScale, -1), 1))]
    }

    private var observation: [Float] { [Float(state.0), Float(state.1)] }

    /// The state, the step count and the random generator (which decides later resets).
    public func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(["lqr.state": [state.0, state.1], "lqr.elapsed_steps": [Double(elapsed)],
                             "random": random.exactValues])
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let saved = try snapshot.values("lqr.state", count: 2)
        let steps = try snapshot.count("lqr.elapsed_steps", atMost: Self.horizon)
        guard saved.allSatisfy({ abs($0) <= Self.stateLimit }) else {
            throw .cannotRestore("the LQR state \(saved) is not one an episode reaches (|position|, |velocity| ≤ \(Int(Self.stateLimit)))")
        }
        random = try snapshot.random()
        state = (saved[0], saved[1])
        elapsed = steps
    }
}
