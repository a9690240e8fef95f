import ArgumentParser
import GaitCore
import GaitRuns

/// `gait check ID`: runs the environment checker and prints each check.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check",
                                                    abstract: "Check that an environment keeps the environment contract.")

    @Argument(help: "The environment id (see `gait envs`).")
    var id: String

    @Option(parsing: .unconditional, help: "The seed the checks use.")
    var seed: UInt64 = 0

    func run() throws {
        let report = EnvironmentChecker(seed: seed).check(try CommandContext.registry().spec(id))
        for check in report.checks {
            print("\(check.passed ? "pass" : "FAIL")  \(check.name)\(check.detail.isEmpty ? "" : ": \(check.detail)")")
        }
        let failed = report.checks.filter { !$0.passed }.count
        print(failed == 0 ? "check: \(id) passed \(report.checks.count) checks" : "check: \(id) failed \(failed) of \(report.checks.count) checks")
        if failed > 0 { throw ExitCode(1) }
    }
}
