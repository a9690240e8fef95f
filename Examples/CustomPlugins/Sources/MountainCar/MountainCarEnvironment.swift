import Foundation
import GaitCore

/// A car in a valley too steep to drive out of directly: it must rock back and forth to reach
/// the flag on the right hill. The dynamics, reward and limits of Gymnasium's
/// MountainCarContinuous-v0 (computed in double precision).
public final class MountainCarEnvironment: Environment {
    public static let minPosition = -1.2, maxPosition = 0.6, maxSpeed = 0.07
    public static let goalPosition = 0.45, power = 0.0015

    public let observationSpace = Box(low: [Float(minPosition), -Float(maxSpeed)], high: [Float(maxPosition), Float(maxSpeed)])
    public let actionSpace = Box.actions(1)

    /// The car's position and velocity.
    public private(set) var position = 0.0, velocity = 0.0
    private var random: RandomSource

    /// A car whose first unseeded reset draws from `seed` (or from system randomness).
    public init(seed: UInt64? = nil) { random = RandomSource(seed: seed ?? .random(in: .min ... .max)) }

    public func reset(seed: UInt64?) -> (observation: [Float], info: Info) {
        if let seed { random = RandomSource(seed: seed) }
        position = random.uniform(-0.6 ... -0.4)
        velocity = 0
        return (observation, Info())
    }

    public func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        guard action.count == 1 else { throw .wrongActionSize(expected: 1, got: action.count) }
        let force = min(max(Double(action[0]), -1), 1)
        velocity = min(max(velocity + force * Self.power - 0.0025 * cos(3 * position), -Self.maxSpeed), Self.maxSpeed)
        position = min(max(position + velocity, Self.minPosition), Self.maxPosition)
        if position == Self.minPosition && velocity < 0 { velocity = 0 }
        let reached = position >= Self.goalPosition && velocity >= 0
        let controlCost = 0.1 * force * force
        return StepResult(observation: observation, reward: (reached ? 100 : 0) - controlCost, terminated: reached,
                          truncated: false, info: Info(["control_cost": controlCost]))
    }

    private var observation: [Float] { [Float(position), Float(velocity)] }

    /// Position, velocity and the random generator (which decides later resets).
    public func snapshot() -> EnvironmentSnapshot {
        EnvironmentSnapshot(["mountain_car.position_velocity": [position, velocity], "random": random.exactValues])
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let state = try snapshot.values("mountain_car.position_velocity", count: 2)
        (position, velocity, random) = (state[0], state[1], try snapshot.random())
    }
}
