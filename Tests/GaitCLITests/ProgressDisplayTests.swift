import Foundation
@testable import GaitAgents
import GaitCore
@testable import GaitCLI
@testable import GaitRuns
import Testing

@Suite("Progress display")
struct ProgressDisplayTests {
    let start = ContinuousClock.now

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }

    @Test("the rate is right from the start and follows a slowdown within the window; the time left follows it")
    func smoothedRate() throws {
        let display = ProgressDisplay(totalSteps: 100_000, startStep: 0, interactive: false, lineInterval: 1_000_000, start: start)
        var step = 0
        for tenth in 1...50 {  // 5 s at 1,000 steps/s
            step += 100
            display.tick(step: step, now: at(Double(tenth) / 10))
        }
        #expect(abs(try #require(display.rate) - 1_000) < 1)
        for tenth in 1...300 {  // then 30 s at 100 steps/s, as when updates start
            step += 10
            display.tick(step: step, now: at(5 + Double(tenth) / 10))
        }
        #expect(abs(try #require(display.rate) - 100) < 1)
        let line = display.logLine(now: at(35))
        #expect(line.contains("steps_per_second=100") && line.contains("elapsed=0:35"), "\(line)")
        // 100,000 − 8,000 steps left at 100 steps/s: 920 s.
        #expect(line.contains("left=15:20"), "\(line)")
    }

    @Test("the bar fits any width, shows percentage, elapsed<left, ep_rew_mean and eval, and ends at 100 %")
    func barFitsAndEnds() {
        let display = ProgressDisplay(totalSteps: 2_000, startStep: 0, interactive: false, lineInterval: 1_000_000, start: start)
        for episode in 0..<150 {
            display.record(TrainingRecord(step: episode, wallTime: 0, values: Info(["episode_return": Double(episode)])), now: at(0.01))
        }
        display.record(TrainingRecord(step: 150, wallTime: 0, values: Info(["eval_return": 42.5])), now: at(0.02))
        display.tick(step: 500, now: at(10))
        // The last 100 episodes returned 50 … 149.
        #expect(display.meanReturn == 99.5)
        let wide = display.bar(now: at(10), width: 120)
        #expect(wide.hasPrefix(" 25% [") && wide.contains("500/2000") && wide.contains("50 steps/s") && wide.contains("0:10<0:30")
                && wide.contains("ep_rew_mean 99.5") && wide.contains("eval 42.5"), "\(wide)")
        for width in [20, 40, 60, 80] {
            let bar = display.bar(now: at(10), width: width)
            #expect(bar.count <= width && bar.contains("%"), "width \(width): \(bar)")
        }
        display.tick(step: 2_000, now: at(40))
        #expect(display.bar(now: at(40), width: 80).hasPrefix("100% [" + String(repeating: "#", count: 10)))
    }

    @Test("the latest evaluation and the status stay at every width with five-digit steps, also after a resume")
    func evaluationStays() {
        let display = ProgressDisplay(totalSteps: 1_000_000, startStep: 50_000, interactive: false, lineInterval: 1_000_000, start: start)
        // A resumed run: the records before the checkpoint are recalled, not printed.
        display.recall(TrainingRecord(step: 40_000, wallTime: 0, values: Info(["eval_return": -1234.5])))
        display.recall(TrainingRecord(step: 41_000, wallTime: 0, values: Info(["episode_return": 17])))
        display.tick(step: 98_765, now: at(3))
        display.warn(DivergenceWatch.Warning(step: 98_000, quantity: "value_loss", comparison: "jumped"), now: at(3))
        for width in [44, 60, 80, 100, 200] {
            let bar = display.bar(now: at(3), width: width)
            #expect(bar.count <= width && bar.contains("98765/1000000") && bar.hasSuffix("eval -1234.5"), "width \(width): \(bar)")
        }
        #expect(display.bar(now: at(3), width: 200).contains("ep_rew_mean 17.0  eval"))
        display.show(status: "writing episodes…", now: at(4))
        #expect(display.bar(now: at(4), width: 60).contains("writing episodes…  eval -1234.5"))
        // The log line names the step the evaluation was made at: a line printed at a checkpoint
        // comes before that checkpoint's evaluation.
        #expect(display.logLine(now: at(4)).contains("eval_return=-1234.50 eval_step=40000 warning=value_loss"))
    }
}
