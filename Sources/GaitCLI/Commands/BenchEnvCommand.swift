import ArgumentParser
import GaitCore
import GaitRuns

/// `gait bench env ID`: control steps per second with random actions.
struct BenchEnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "env", abstract: "Control steps per second of an environment.")

    @Argument(help: "The environment id.")
    var environment: String

    @OptionGroup var options: BenchmarkOptions

    @Option(parsing: .unconditional, help: "Copies stepped in parallel (grouped onto at most one thread per core); steps count over all copies.")
    var envs: Int = 1

    func validate() throws {
        guard (1...64).contains(envs) else { throw CLIError.invalidValue(name: "--envs", value: "\(envs)", reason: "use 1 to 64 copies") }
    }

    func run() throws {
        let steps = options.steps ?? 100_000
        let spec = try CommandContext.registry().spec(environment)
        var random = RandomSource(seed: 1)
        // Actions drawn up front so that only stepping is timed.
        let actions = (0..<1_000).map { _ in
            (0..<envs).map { _ in (0..<spec.actionSize).map { _ in Float(random.uniform(-1...1)) } }
        }
        let rounds = max(steps / envs, 1)
        let seconds: Double
        if envs == 1 {
            // One copy: the environment itself, without the vector's hand-offs.
            let single = try spec.make(seed: 1)
            _ = try single.reset(seed: 1)
            seconds = try BenchmarkResult.time {
                for round in 0..<rounds where try single.step(actions[round % actions.count][0]).isDone {
                    _ = try single.reset(seed: nil)
                }
            }
        } else {
            let vector = try VectorEnvironment(spec: spec, count: envs)
            _ = try vector.reset(seed: 1)
            seconds = try BenchmarkResult.time {
                for round in 0..<rounds { _ = try vector.step(actions[round % actions.count]) }
            }
        }
        try BenchmarkResult(benchmark: "env", environment: spec.id, envs: envs, steps: rounds * envs, seconds: seconds,
                            stepsPerSecond: Double(rounds * envs) / seconds).print(json: options.json)
    }
}
