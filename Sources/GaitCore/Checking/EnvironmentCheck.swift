/// The outcome of one check made by `EnvironmentChecker`.
public struct EnvironmentCheck: Sendable, Hashable {
    /// What was checked.
    public let name: String
    /// Whether the environment passed.
    public let passed: Bool
    /// What was measured, or what went wrong.
    public let detail: String
}
