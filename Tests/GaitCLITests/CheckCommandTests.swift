import ArgumentParser
import GaitAgents
import GaitCore
import Testing
@testable import GaitCLI
@testable import GaitRuns

/// An environment whose reset ignores its seed, which the checker must catch.
final class ForgetfulEnvironment: Environment {
    let observationSpace = Box.unbounded(1)
    let actionSpace = Box.actions(1)
    private var calls = 0.0

    func reset(seed: UInt64?) -> (observation: [Float], info: Info) {
        calls += 1
        return ([Float(calls)], Info())
    }

    func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        StepResult(observation: [0], reward: 0, terminated: false, truncated: false, info: Info())
    }
}

enum ForgetfulPlugin: EnvironmentPlugin {
    static let name = "forgetful"
    static var environments: [EnvironmentSpec] {
        [EnvironmentSpec(id: "forgetful", summary: "ignores its seed", maxEpisodeSteps: 10, observationSize: 1,
                         actionSize: 1) { _, _ in ForgetfulEnvironment() }]
    }
}

@Test func checkFailsWithANonZeroExitWhenACheckFails() throws {
    CommandContext.use(plugins: [ForgetfulPlugin.self], agents: [BuiltinAgents.self])
    let command = try CheckCommand.parse(["forgetful"])
    #expect(throws: ExitCode(1)) { try command.run() }
}
