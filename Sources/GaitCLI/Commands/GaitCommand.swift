import ArgumentParser
import GaitCore
import GaitRuns

/// The root `gait` command.
struct GaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gait",
        abstract: "Train legged robots with reinforcement learning.",
        version: GaitVersion.current,
        subcommands: [EnvsCommand.self, AgentsCommand.self, CheckCommand.self, TrainCommand.self, EvalCommand.self, ReplayCommand.self,
                      PlotCommand.self, BenchCommand.self, ModelCommand.self])
}
