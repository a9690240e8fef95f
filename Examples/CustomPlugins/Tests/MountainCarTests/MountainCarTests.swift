import GaitCore
import MountainCar
import Testing

@Test func mountainCarKeepsTheEnvironmentContract() throws {
    let report = EnvironmentChecker().check(MountainCarPlugin.environments[0])
    #expect(report.passed, "\(report)")
}

@Test func pushingWithTheSwingReachesTheFlag() throws {
    let car = try EnvironmentRegistry(plugins: [MountainCarPlugin.self]).make("mountain-car")
    _ = try car.reset(seed: 3)
    var velocity: Float = 0
    for step in 1...999 {
        let result = try car.step([velocity >= 0 ? 1 : -1])
        velocity = result.observation[1]
        if result.terminated {
            #expect(result.reward > 99 && result.observation[0] >= 0.45 && step < 300)
            return
        }
    }
    Issue.record("the swing strategy never reached the flag")
}
