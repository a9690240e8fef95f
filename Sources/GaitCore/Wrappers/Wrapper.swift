/// An environment that adds behaviour around another one; by default it passes everything on.
open class Wrapper: Environment {
    /// The wrapped environment.
    public let inner: any Environment

    /// Wraps `inner`.
    public init(_ inner: any Environment) { self.inner = inner }

    open var observationSpace: Box { inner.observationSpace }
    open var actionSpace: Box { inner.actionSpace }
    open func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info) { try inner.reset(seed: seed) }
    open func step(_ action: [Float]) throws(EnvironmentError) -> StepResult { try inner.step(action) }
    open func snapshot() -> EnvironmentSnapshot { inner.snapshot() }
    open func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) { try inner.restore(snapshot) }
    open var settings: [String: String] { inner.settings }

    /// The innermost environment, below every wrapper.
    public var unwrapped: any Environment {
        var current: any Environment = inner
        while let wrapper = current as? Wrapper { current = wrapper.inner }
        return current
    }
}
