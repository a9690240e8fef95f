import ArgumentParser
import Foundation
import GaitRuns

/// `gait plot RUN_DIR…`: learning curves as SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Draw learning curves of one or more runs (or every run under a folder) as SVG.",
        discussion: "One panel per environment; runs of the same environment and agent (different seeds) are drawn as their mean "
            + "with a ± one standard deviation band, in the agent's colour.")

    @Argument(help: "Run directories, or folders of runs (every run under them, as `runs/` or `runs/<env>`).")
    var runs: [String]

    @Option(help: "The SVG file to write (default: <run>/curve.svg for one run, curves.svg for several).")
    var out: String?

    @Option(help: "The metrics.csv column to draw (default: eval_return, or episode_return for runs without evaluations).")
    var metric: String?

    @Option(parsing: .unconditional, help: "Average each point with the K−1 before it (default: 1 for evaluations, 20 for other columns).")
    var smooth: Int?

    @Option(help: "The horizontal axis: environment steps or training time (wall_time).")
    var x: PlotOptions.XAxis = .steps

    @Flag(help: "Write --out even over a file that is not an SVG image.")
    var force = false

    func validate() throws {
        if let smooth, !(1...10_000).contains(smooth) {
            throw CLIError.invalidValue(name: "--smooth", value: "\(smooth)", reason: "it must be from 1 to 10000")
        }
        guard !runs.isEmpty else { throw CLIError.usage("name at least one run directory") }
        if let out, URL(fileURLWithPath: out).pathExtension.lowercased() != "svg" {
            throw CLIError.invalidValue(name: "--out", value: out, reason: "gait plot writes SVG; give a name ending in .svg "
                                        + "(a browser shows it, and a converter such as rsvg-convert makes a PNG of it)")
        }
    }

    func run() throws {
        var directories: [RunDirectory] = []
        for path in runs {
            for run in try RunDirectory.runs(under: path) where !directories.contains(where: { $0.url == run.url }) { directories.append(run) }
        }
        let path = out ?? (directories.count == 1 ? directories[0].curve.path : "curves.svg")
        let url = try OutputTarget(path, option: "--out", kind: .svg, inputs: directories.map(\.metrics), force: force).url
        try RunDirectory.write(Data(try LearningCurvePlot.render(runs: directories, options: PlotOptions(metric: metric, smooth: smooth, x: x)).utf8), to: url)
        print("plot: \(url.path)")
    }
}

extension PlotOptions.XAxis: ExpressibleByArgument {}
