import ArgumentParser
import GaitRuns

/// The options every benchmark shares: how many steps to time, and JSON output.
struct BenchmarkOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Steps to time (default: 100000 for env, 5000 for agent; at most 1e12).",
            transform: RunSettings.field(\.steps).parsed)
    var steps: Int?

    @Flag(help: "Print JSON (benchmark, env, envs, steps, seconds, steps_per_second, and for agents updates_per_second).")
    var json = false
}
