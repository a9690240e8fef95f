import GaitCore
import GaitPhysics

/// A task whose episodes start from one of the model's keyframes (MuJoCo's `<key>`, such as a
/// Menagerie robot's `home` pose) instead of the task's own random start, shaken by
/// `noise` (Gymnasium's `reset_noise_scale`: coordinates uniform in ±noise, velocities noise × a
/// standard normal draw). Everything else is the base task's.
public struct KeyframeStartTask<Base: PhysicsTask>: TaskWrapper {
    /// The task that observes and rewards.
    public let base: Base
    /// The start state.
    public let keyframe: Model.Keyframe
    /// The scale of the random change to the start state (0: the keyframe exactly).
    public let noise: Double

    /// Starts `base`'s episodes at `keyframe`, shaken by `noise`.
    public init(_ base: Base, keyframe: Model.Keyframe, noise: Double) {
        self.base = base
        self.keyframe = keyframe
        self.noise = noise
    }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.start(at: keyframe, noise: noise, random: &random)
    }
}
