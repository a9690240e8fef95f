import GaitCore
import GaitNN

/// Runs an agent's policy (deterministic, or the sampling one it explores with) for whole
/// episodes and summarises the returns.
public struct Evaluation: Sendable, Hashable {
    /// Each episode's undiscounted return.
    public let returns: [Double]

    /// The mean return.
    public var mean: Double { returns.reduce(0, +) / Double(max(returns.count, 1)) }

    /// The standard deviation of the returns (population).
    public var standardDeviation: Double {
        let m = mean
        return (returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(returns.count, 1))).squareRoot()
    }

    /// Plays `episodes` episodes on `environment`, episode i reset with seed `seed + i`, with the
    /// deterministic policy or, when `stochastic`, the sampling policy (which may update the
    /// agent's running statistics, as exploring does). Throws `CancellationError` as soon as
    /// `shouldStop` (asked before every step) says so.
    public static func run(_ agent: any Agent, on environment: any Environment, episodes: Int, seed: UInt64,
                           stochastic: Bool = false, shouldStop: () -> Bool = { false }) throws -> Evaluation {
        let observation = Matrix(rows: 1, columns: environment.observationSpace.size)
        var returns: [Double] = []
        for episode in 0..<episodes {
            var current = try environment.reset(seed: seed &+ UInt64(episode)).observation
            var total = 0.0
            while true {
                if shouldStop() { throw CancellationError() }
                current.withUnsafeBufferPointer { observation.values.update(from: $0.baseAddress!, count: $0.count) }
                let action = agent.act(observation, explore: stochastic)
                try action.requireFinite(step: nil, agent: agent.name)
                let result = try environment.step(Array(UnsafeBufferPointer(start: action.values, count: action.columns)))
                total += result.reward
                current = result.observation
                if result.isDone { break }
            }
            returns.append(total)
        }
        return Evaluation(returns: returns)
    }
}
