import ArgumentParser
import GaitRuns

/// `gait bench`: throughput measurements.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure environment or training throughput (build with -c release).",
        subcommands: [BenchEnvCommand.self, BenchAgentCommand.self])
}
