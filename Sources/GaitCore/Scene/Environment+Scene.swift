extension Environment {
    /// What the environment looks like, found below any wrappers; nil when it cannot say.
    public var scene: (any SceneProviding)? {
        ((self as? Wrapper)?.unwrapped ?? self) as? SceneProviding
    }

    /// The scene when it has shapes to draw (replay pages, videos, `render()`); nil otherwise.
    public var drawableScene: (any SceneProviding)? {
        scene.flatMap { $0.sceneShapes.isEmpty ? nil : $0 }
    }
}
