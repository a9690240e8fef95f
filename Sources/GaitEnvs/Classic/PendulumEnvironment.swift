import Foundation
import GaitCore

/// Swing-up of a pendulum, identical to Gymnasium's Pendulum-v1 (actions scaled: torque = 2a).
public final class PendulumEnvironment: Environment {
    public static let gravity = 10.0, mass = 1.0, length = 1.0, dt = 0.05, maxSpeed = 8.0, maxTorque = 2.0

    public let observationSpace = Box(low: [-1, -1, -Float(maxSpeed)], high: [1, 1, Float(maxSpeed)])
    public let actionSpace = Box.actions(1)
    public var settings: [String: String] { ["dynamics": "Pendulum-v1 equations", "dt": "\(Self.dt)"] }

    /// The angle (0 upright) and angular velocity.
    public private(set) var angle = 0.0, velocity = 0.0
    private var random: RandomSource
    private var info = Info(["angle_cost": 0, "velocity_cost": 0, "control_cost": 0])

    /// A pendulum whose first unseeded reset draws from `seed` (or from system randomness).
    public init(seed: UInt64? = nil) { random = RandomSource(seed: seed ?? .random(in: .min ... .max)) }

    /// Wraps an angle to [−π, π) exactly as Gymnasium's `angle_normalize` (Python's float `%`).
    public static func normalize(_ x: Double) -> Double {
        let period = 2 * Double.pi
        var remainder = (x + .pi).truncatingRemainder(dividingBy: period)
        if remainder < 0 { remainder += period }
        return remainder - .pi
    }

    public func reset(seed: UInt64?) -> (observation: [Float], info: Info) {
        if let seed { random = RandomSource(seed: seed) }
        angle = random.uniform(-Double.pi ... Double.pi)
        velocity = random.uniform(-1...1)
        return (observation, Info())
    }

    public func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        let u = min(max(Self.maxTorque * Double(action[0]), -Self.maxTorque), Self.maxTorque)
        let angleCost = Self.normalize(angle) * Self.normalize(angle)
        let velocityCost = 0.1 * velocity * velocity
        let controlCost = 0.001 * u * u
        let (g, m, l, dt) = (Self.gravity, Self.mass, Self.length, Self.dt)
        velocity += (3 * g / (2 * l) * sin(angle) + 3 / (m * l * l) * u) * dt
        velocity = min(max(velocity, -Self.maxSpeed), Self.maxSpeed)
        angle += velocity * dt
        info["angle_cost"] = angleCost
        info["velocity_cost"] = velocityCost
        info["control_cost"] = controlCost
        return StepResult(observation: observation, reward: -(angleCost + velocityCost + controlCost),
                          terminated: false, truncated: false, info: info)
    }

    private var observation: [Float] { [Float(cos(angle)), Float(sin(angle)), Float(velocity)] }

    /// The angle, the velocity and the random generator (which decides later resets).
    public func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(["pendulum.angle_velocity": [angle, velocity], "random": random.exactValues])
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let state = try snapshot.values("pendulum.angle_velocity", count: 2)
        guard state.allSatisfy(\.isFinite) else { throw .cannotRestore("the pendulum's angle or velocity is not finite") }
        random = try snapshot.random()
        (angle, velocity) = (state[0], state[1])
    }
}
