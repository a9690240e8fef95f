import GaitCore

/// What a recorded episode looked like: the environment's shapes and, frame by frame (the start
/// and after every step), where each one was, recovered by re-simulating the episode.
public struct SceneRecording {
    public let shapes: [SceneShape]
    public let planar: Bool
    public let fixedBase: SIMD3<Double>?
    /// Every frame's poses, one after another (12 values per shape: position, rotation row by row).
    public let poses: [Double]
    /// Seconds between two frames (one control step).
    public let timeStep: Double
    /// How the re-simulation compared with the recording.
    public let outcome: EpisodeReplay.Outcome

    /// Re-simulates `episode` with the environments of `registry`, collecting every frame.
    /// Throws `RenderError.noScene` for an environment that cannot say what it looks like, and
    /// `RenderError.notReplayable` when the re-simulation differed at its start or first step;
    /// frames after a later divergence are left out.
    public init(replaying episode: Episode, registry: EnvironmentRegistry) throws {
        var scene: (shapes: [SceneShape], planar: Bool, fixedBase: SIMD3<Double>?)?
        var poses: [Double] = []
        let outcome = try EpisodeReplay.replay(episode, registry: registry) { environment in
            guard let provider = environment.scene else { return }
            if scene == nil { scene = (provider.sceneShapes, provider.isPlanar, provider.fixedBase) }
            provider.appendScenePoses(to: &poses)
        }
        try outcome.requireDrawable()
        guard let scene, !scene.shapes.isEmpty else { throw RenderError.noScene(episode.header.environmentID) }
        (shapes, planar, fixedBase, self.poses, self.outcome) = (scene.shapes, scene.planar, scene.fixedBase, poses, outcome)
        timeStep = episode.header.controlTimeStep
    }

    /// The number of frames.
    public var frameCount: Int { poses.count / (12 * shapes.count) }
}
