import GaitCore
import GaitRuns
import GaitRender

/// One environment made through the C ABI, with the buffers its calls reuse.
final class EnvironmentHandle: GuardedHandle {
    let gate = HandleGate(noun: "environment")
    let spec: EnvironmentSpec
    let environment: any Environment
    private var action: [Float]
    /// The names of the info numbers written by `reset` and `step`.
    private(set) var layout = InfoLayout()
    /// The text entries of the last info (such as `physics_error`).
    private(set) var messages: [String: String] = [:]
    /// The renderer of the last `render` call, and the poses it draws.
    private var renderer: SceneRenderer?
    private var poses: [Double] = []

    /// Makes environment `id` of the registry with the standard wrappers.
    init(id: String, seed: UInt64?, options: [String: String]) throws {
        spec = try CommandContext.spec(id)
        environment = try spec.make(seed: seed, options: options)
        action = [Float](repeating: 0, count: spec.actionSize)
    }

    /// Starts an episode, writing its first observation and its info.
    func reset(seed: UInt64?, observation: UnsafeMutablePointer<Float>, info: UnsafeMutablePointer<Double>, capacity: Int) throws -> Int32 {
        let (first, resetInfo) = try environment.reset(seed: seed)
        try observation.store(first, expected: spec.observationSize, id: spec.id)
        return StepFlags.of(info: resetInfo, layoutChanged: report(resetInfo, to: info, capacity: capacity))
    }

    /// Takes one step with the `spec.actionSize` actions at `actions`, writing the observation,
    /// the reward and the info; returns the flags.
    func step(_ actions: UnsafePointer<Float>, observation: UnsafeMutablePointer<Float>, reward: UnsafeMutablePointer<Double>,
              info: UnsafeMutablePointer<Double>, capacity: Int) throws -> Int32 {
        action.withUnsafeMutableBufferPointer { $0.baseAddress?.update(from: actions, count: $0.count) }
        let result = try environment.step(action)
        try observation.store(result.observation, expected: spec.observationSize, id: spec.id)
        reward.pointee = result.reward
        return StepFlags.of(info: result.info, terminated: result.terminated, truncated: result.truncated,
                            layoutChanged: report(result.info, to: info, capacity: capacity))
    }

    /// Draws the environment as it is now into `pixels` (height × width × 3 bytes, RGB, rows from
    /// the top). The camera's distance is chosen at the first frame of each size; the renderer
    /// refuses a size it does not draw before anything is written.
    func render(width: Int, height: Int, into pixels: UnsafeMutablePointer<UInt8>) throws {
        guard let scene = environment.scene else { throw RenderError.noScene(spec.id) }
        if renderer?.width != width || renderer?.height != height {
            renderer = try SceneRenderer(scene: scene, width: width, height: height)
        }
        poses.removeAll(keepingCapacity: true)
        scene.appendScenePoses(to: &poses)
        try poses.withUnsafeBufferPointer { pose in
            guard let renderer, pose.count == renderer.frameSize else {
                throw RenderError.noScene("\(spec.id) (its scene changed its number of shapes)")
            }
            renderer.render(pose, into: UnsafeMutableBufferPointer(start: pixels, count: width * height * 3))
        }
    }

    /// Writes the info's numbers in the layout's order and keeps its messages; returns whether
    /// the layout changed.
    private func report(_ info: Info, to values: UnsafeMutablePointer<Double>, capacity: Int) -> Bool {
        let changed = layout.adopt(CollectionOfOne(info), capacity: capacity)
        layout.write(info, to: values, capacity: capacity)
        messages = info.messages
        return changed
    }
}
