import Foundation
import GaitCore
import GaitRuns

/// What a benchmark measured, printed as a line or as JSON (field `steps_per_second`).
struct BenchmarkResult: Encodable {
    var benchmark: String
    var environment: String
    var agent: String?
    var envs: Int
    var steps: Int
    var seconds: Double
    var stepsPerSecond: Double
    var updatesPerSecond: Double?

    enum CodingKeys: String, CodingKey {
        case benchmark, agent, envs, steps, seconds
        case environment = "env", stepsPerSecond = "steps_per_second", updatesPerSecond = "updates_per_second"
    }

    /// Prints the result as JSON or as one readable line.
    func print(json: Bool) throws {
        if json { return try Console.printJSON(self, pretty: false) }
        var line = "bench \(benchmark): \(agent.map { "\($0) on " } ?? "")\(environment), \(envs) env copies, \(steps) steps in "
        line += String(format: "%.2f s: %.0f steps/s", seconds, stepsPerSecond)
        if let updatesPerSecond { line += String(format: ", %.1f updates/s", updatesPerSecond) }
        Swift.print(line)
    }

    /// Seconds taken by `work`.
    static func time(_ work: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try work()
        return (ContinuousClock.now - start).inSeconds
    }
}
