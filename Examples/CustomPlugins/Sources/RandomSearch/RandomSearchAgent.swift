import Foundation
import GaitAgents
import GaitCore
import GaitNN

/// Basic random search (Mania et al. 2018, "Simple random search provides a competitive approach
/// to reinforcement learning", ARS V1) over a linear policy a = tanh(W·o + b): each of `n_delta`
/// random directions δ is tried both ways, θ ± ν·δ, for one episode of one environment copy; once
/// all are back, θ moves by α / (n_delta·σ_R) · Σ (R₊ − R₋)·δ, σ_R being the σ of those returns.
///
/// An agent written outside Gait against its public API: it learns from the shared experience
/// buffer like Gait's own (reading back each step's rewards and episode ends) and saves
/// everything that decides its future, so `gait train --resume` continues it exactly.
public final class RandomSearchAgent: PluggableAgent {
    /// `n_delta`, `learning_rate` and `delta_std` (see `RandomSearchConfiguration`).
    public static let hyperparameters = RandomSearchConfiguration.fields.map(\.spec)
    /// What an update reports.
    public static let metrics: [MetricSpec] = [
        MetricSpec("mean_return", "mean return of the episodes the update used"),
        MetricSpec("return_std", "σ_R, the σ of those returns, which scales the step"),
    ]

    public let name = "random-search"
    public let hyperparameters: Hyperparameters
    private let configuration: RandomSearchConfiguration
    private let (observationSize, actionSize): (Int, Int)
    /// W (row-major, one row per action) followed by b: the tensor `policy.0.weight` and `policy.0.bias`.
    private var weights: [Float]
    /// The directions of this round, one after another.
    private var deltas: [Float]
    /// Each trial's return (trial 2k is θ + ν·δ_k, trial 2k + 1 is θ − ν·δ_k), once it is back.
    private var returns: [Double]
    private var returned: [Bool]
    /// The next trial to hand to a copy whose episode ends.
    private var nextTrial = 0
    /// The trial each copy's current episode runs (−1: none left this round; it runs θ).
    private var trials: [Int] = []
    /// Each copy's return so far in its current episode.
    private var episodeReturns: [Double] = []
    private var random: RandomSource
    private let output: Matrix
    private let latest: TransitionBatch

    public init(observationSize: Int, actionSize: Int, overrides: [String: Double] = [:], seed: UInt64) throws(AgentError) {
        hyperparameters = try Hyperparameters(specs: Self.hyperparameters, overrides: overrides)
        configuration = RandomSearchConfiguration(hyperparameters, fields: RandomSearchConfiguration.fields)
        (self.observationSize, self.actionSize) = (observationSize, actionSize)
        weights = [Float](repeating: 0, count: actionSize * (observationSize + 1))
        deltas = [Float](repeating: 0, count: configuration.directions * weights.count)
        returns = [Double](repeating: 0, count: 2 * configuration.directions)
        returned = returns.map { _ in false }
        random = RandomSource(seed: seed)
        output = Matrix(rows: 1, columns: actionSize)
        latest = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        drawDirections()
    }

    public func bufferCapacity(copies: Int) -> Int { copies }
    /// The first step whose transitions `learn` reads; the first update comes once every trial's
    /// episode has ended.
    public func firstUpdateStep(copies: Int) -> Int { copies }

    public func prepare(copies: Int, totalSteps: Int) {
        guard trials.count != copies else { return }
        trials = (0..<copies).map { _ in takeTrial() }
        episodeReturns = [Double](repeating: 0, count: copies)
    }

    /// tanh(W·o + b) for each row: θ itself, or while exploring each copy's trial, θ ± ν·δ.
    public func act(_ observations: Matrix, explore: Bool) -> Matrix {
        output.resize(rows: observations.rows)
        for row in 0..<observations.rows {
            let trial = explore && row < trials.count ? trials[row] : -1
            let sign: Float = trial % 2 == 0 ? 1 : -1
            let offset = trial >= 0 ? trial / 2 * weights.count : 0
            let scale = trial >= 0 ? sign * Float(configuration.deltaStd) : 0
            for action in 0..<actionSize {
                let bias = actionSize * observationSize + action
                var sum = weights[bias] + scale * deltas[offset + bias]
                for input in 0..<observationSize {
                    let index = action * observationSize + input
                    sum += (weights[index] + scale * deltas[offset + index]) * observations[row, input]
                }
                output.values[row * actionSize + action] = tanh(sum)
            }
        }
        return output
    }

    /// Adds each copy's latest reward to its episode; a copy whose episode ended hands in its
    /// trial's return (updating θ once the round is complete) and takes the next trial. A copy
    /// takes a trial only at an episode's start, so every return is one whole episode's.
    public func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info? {
        buffer.latest(trials.count, into: latest)
        var measured: Info?
        for row in 0..<latest.count {
            let copy = latest.streams[row]
            episodeReturns[copy] += Double(latest.rewards[row])
            guard latest.terminated[row] || latest.truncated[row] else { continue }
            if trials[copy] >= 0 { (returns[trials[copy]], returned[trials[copy]]) = (episodeReturns[copy], true) }
            episodeReturns[copy] = 0
            if !returned.contains(false) { measured = update() }
            trials[copy] = takeTrial()
        }
        return measured
    }

    public var metricNames: [String] { Self.metrics.map(\.name) }

    /// θ's step along the directions, weighted by the return differences; then a new round.
    private func update() -> Info {
        let mean = returns.reduce(0, +) / Double(returns.count)
        let deviation = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(returns.count)).squareRoot()
        if deviation > 0 {
            let scale = configuration.learningRate / (Double(configuration.directions) * deviation)
            for direction in 0..<configuration.directions {
                let weight = Float(scale * (returns[2 * direction] - returns[2 * direction + 1]))
                for index in weights.indices { weights[index] += weight * deltas[direction * weights.count + index] }
            }
        }
        drawDirections()
        return Info(["mean_return": mean, "return_std": deviation])
    }

    private func drawDirections() {
        for index in deltas.indices { deltas[index] = Float(random.normal()) }
        returned = returned.map { _ in false }
        nextTrial = 0
    }

    /// The next trial of this round, or −1 when every trial is running or back.
    private func takeTrial() -> Int {
        guard nextTrial < returns.count else { return -1 }
        defer { nextTrial += 1 }
        return nextTrial
    }

    public func save(into state: inout StateDictionary) {
        state.set("policy.0.weight", weights, count: actionSize * observationSize, shape: [actionSize, observationSize])
        weights.withUnsafeBufferPointer { state.set("policy.0.bias", $0.baseAddress! + actionSize * observationSize, count: actionSize) }
        state.set("search.deltas", floats: deltas)
        state.set("search.returns", numbers: returns)
        state.set("search.returned", numbers: returned.map { $0 ? 1 : 0 })
        state.set("search.next_trial", number: Double(nextTrial))
        // Stored one higher, so that "none left" (−1) is a count too.
        state.set("search.trials", numbers: trials.map { Double($0 + 1) })
        state.set("search.episode_returns", numbers: episodeReturns)
        state.set("search.random", random: random)
    }

    public func restore(from state: StateDictionary) throws(CheckpointError) {
        let matrix = try state.floats("policy.0.weight", count: actionSize * observationSize)
        weights = matrix + (try state.floats("policy.0.bias", count: actionSize))
        deltas = try state.floats("search.deltas", count: deltas.count)
        returns = try state.numbers("search.returns", count: returns.count)
        returned = try state.counts("search.returned", count: returned.count, in: 0...1).map { $0 == 1 }
        nextTrial = try state.int("search.next_trial", in: 0...returns.count)
        let copies = try state.numbers("search.trials").count
        trials = try state.counts("search.trials", count: copies, in: 0...returns.count).map { $0 - 1 }
        let running = trials.filter { $0 >= 0 }
        guard Set(running).count == running.count, running.allSatisfy({ $0 < nextTrial && !returned[$0] }) else {
            throw .corrupted(path: "the checkpoint", reason: "its random-search trials are not ones the round has handed out and not yet had back")
        }
        episodeReturns = try state.numbers("search.episode_returns", count: copies)
        random = try state.random("search.random")
    }

    /// The search's round in progress and its random generator belong to the run; a warm start
    /// (`gait train --warm-start`) carries over only the policy.
    public func isRunState(_ key: String) -> Bool { key.hasPrefix("search.") }
}
