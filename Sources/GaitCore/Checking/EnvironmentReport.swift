/// Every check `EnvironmentChecker` made on one environment.
public struct EnvironmentReport: Sendable, CustomStringConvertible {
    /// The environment's id.
    public let environment: String
    /// The checks, in the order they ran.
    public let checks: [EnvironmentCheck]

    /// True when every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }

    /// One line per check, then a summary line.
    public var description: String {
        let lines = checks.map { "\($0.passed ? "pass" : "FAIL")  \($0.name): \($0.detail)" }
        let failed = checks.filter { !$0.passed }.count
        return (lines + ["\(environment): \(checks.count - failed) of \(checks.count) checks passed"]).joined(separator: "\n")
    }
}
