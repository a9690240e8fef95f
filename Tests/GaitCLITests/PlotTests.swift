import Foundation
@testable import GaitCLI
@testable import GaitRuns
import Testing

@Suite("Learning-curve plots")
struct PlotTests {
    @Test("the vertical range is never a zoom on a change of a few per cent, and reaches zero when zero is near")
    func honestAxes() {
        // Two evaluations of a pendulum run 0.26 apart: the range stays about 120 tall.
        let flat = LearningCurvePlot.honestRange(-1200.1, -1199.84)
        #expect(flat.high - flat.low >= 119 && flat.low < -1200.1 && flat.high > -1199.84)
        // A climb from −1,543 to −194 reaches zero; one from 10 to 900 starts at zero.
        #expect(LearningCurvePlot.honestRange(-1543, -194) == (-1543, 0))
        #expect(LearningCurvePlot.honestRange(10, 900) == (0, 900))
        // A climb from 800 to 990 is a fifth of the size: drawn as it is.
        #expect(LearningCurvePlot.honestRange(800, 990) == (800, 990))
    }

    @Test("a panel without points says so instead of failing")
    func emptyPanel() {
        let svg = LearningCurvePlot.svg([.init(environment: "mountain-car", curves: [.init(agent: "sac", label: "mountain-car · sac", points: [])])],
                                        yLabel: "episode_return", xLabel: "environment steps")
        #expect(svg.contains("only 0 points: too few to show a trend") && svg.hasSuffix("</svg>\n"))
    }

    @Test("smoothing averages each point with the ones before it")
    func smoothing() {
        let series = (0..<6).map { (Double($0), Double($0 * $0)) }
        let smoothed = LearningCurvePlot.smoothed(series, window: 2)
        #expect(smoothed.map(\.1) == [0, 0.5, 2.5, 6.5, 12.5, 20.5])
        #expect(LearningCurvePlot.smoothed(series, window: 1).map(\.1) == series.map(\.1))
    }

    @Test("metric values of ±1e308, infinity or NaN are plotted at once, without NaN or infinity in the SVG",
          arguments: ["1e308", "-1e308", "inf", "nan"])
    func hostileValues(value: String) throws {
        let folder = try temporaryFolder()
        let trained = try GaitProcess.run(["train", "lqr", "--agent", "sac", "--steps", "300", "--set", "learning_starts=100",
                                           "--set", "hidden_size=8", "--eval-every", "300", "--eval-episodes", "1", "--out", "run"], in: folder)
        try #require(trained.status == 0, "\(trained.stderr)")
        let rows = (1...5).map { "\($0 * 100),\(Double($0)),\($0 == 3 ? value : "-\($0)")" }
        try Data((["step,wall_time,eval_return"] + rows).joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("run/metrics.csv"))
        let plotted = try shell("timeout 60 '\(GaitProcess.binary.path)' plot run --out plot.svg", in: folder)
        #expect(plotted.status == 0, "\(plotted.output)")
        let svg = try String(contentsOf: folder.appendingPathComponent("plot.svg"), encoding: .utf8).lowercased()
        #expect(!svg.contains("nan") && !svg.contains("inf\""), "\(svg.prefix(2000))")
    }

    @Test("a metrics file damaged before its last line is refused, naming the line; a last line cut short is skipped")
    func damagedRows() throws {
        let file = try temporaryFolder().appendingPathComponent("metrics.csv")
        func read(_ rows: [String]) throws -> [Int] {
            try Data((["step,wall_time,eval_return"] + rows).joined(separator: "\n").utf8).write(to: file)
            return try MetricsFile.read(file).rows.map(\.step)
        }
        #expect(try read(["100,1.0,-5", "200,2.0,nan", "300,3."]) == [100, 200])
        #expect(try read(["100,1.0,-5", "", "200,2.0,inf", ""]) == [100, 200])
        #expect { try read(["100,1.0,-5", "", "2x0,2.0,-4", "300,3.0,-3"]) } throws: { "\($0)".contains("line 4") }
        for damaged in [["abc,1.0,-5", "200,2.0,-4"], ["100,1.0,x", "200,2.0,-4"], ["100,1.0", "200,2.0,-4"], ["-100,1.0,-5", "200,2.0,-4"]] {
            #expect {
                try read(damaged)
            } throws: { error in
                "\(error)".contains("line 2") && "\(error)".contains("metrics.csv")
            }
        }
    }
}
