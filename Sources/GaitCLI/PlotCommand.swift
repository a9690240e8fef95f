import ArgumentParser
import Foundation

/// `gait plot RUN_DIR…`: learning curves as SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Draw learning curves of one or more runs as SVG.",
        discussion: "Runs of the same environment and agent (different seeds) are drawn as their mean with a ± one standard deviation band.")

    @Argument(help: "Run directories.")
    var runs: [String]

    @Option(help: "The SVG file to write (default: <run>/curve.svg for one run, curves.svg for several).")
    var out: String?

    func validate() throws {
        guard !runs.isEmpty else { throw CLIError.usage("name at least one run directory") }
        if let out, URL(fileURLWithPath: out).pathExtension.lowercased() != "svg" {
            throw CLIError.invalidValue(name: "--out", value: out, reason: "gait plot writes SVG; give a name ending in .svg "
                                        + "(a browser shows it, and a converter such as rsvg-convert makes a PNG of it)")
        }
    }

    func run() throws {
        let directories = try runs.map { try RunDirectory(existing: $0) }
        let url = out.map { URL(fileURLWithPath: $0) } ?? (directories.count == 1 ? directories[0].curve : URL(fileURLWithPath: "curves.svg"))
        try RunDirectory.write(Data(try LearningCurvePlot.render(runs: directories).utf8), to: url)
        print("plot: \(url.path)")
    }
}
