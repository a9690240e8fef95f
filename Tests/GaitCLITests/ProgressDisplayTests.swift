import Foundation
@testable import GaitAgents
import GaitCore
@testable import GaitCLI
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
}
