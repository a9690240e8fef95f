extension Environment {
    /// What the environment looks like, found below any wrappers; nil when it cannot say.
    public var scene: (any SceneProviding)? {
        ((self as? Wrapper)?.unwrapped ?? self) as? SceneProviding
    }
}
