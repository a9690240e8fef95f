import GaitPhysics

/// How an environment's actions in [−1, 1] become its actuators' controls: per actuator,
/// control = center + halfWidth × action (the simulation then clamps it to the control range).
public struct ActionMapping: Sendable, Equatable {
    /// Per actuator: the control an action of 0 gives.
    public let centers: [Double]
    /// Per actuator: how far an action of ±1 moves the control from its center.
    public let halfWidths: [Double]
    /// The mapping in a few words, for the environment's settings.
    public let summary: String

    /// Actions span each actuator's control range (MuJoCo's `ctrlrange`): a motor with range
    /// [−1, 1] gets the action itself, a position servo with range [−0.9, 0.9] rad gets
    /// 0.9 × action as its target; an actuator without a range gets the action itself.
    public init(spanning model: Model) {
        centers = model.actuators.map { actuator in actuator.controlRange.map { ($0.lowerBound + $0.upperBound) / 2 } ?? 0 }
        halfWidths = model.actuators.map { actuator in actuator.controlRange.map { ($0.upperBound - $0.lowerBound) / 2 } ?? 1 }
        summary = "spanning each ctrlrange"
    }

    /// Actions move each control at most `scale` (in the control's units: radians for a joint's
    /// position servo) from the keyframe's (`<key ctrl>`), as MuJoCo Playground's locomotion
    /// tasks offset a robot's default pose by `action_scale` × action.
    public init(around keyframe: Model.Keyframe, scale: Double) {
        centers = keyframe.controls
        halfWidths = [Double](repeating: scale, count: keyframe.controls.count)
        summary = "keyframe '\(keyframe.name)' controls ± \(scale)"
    }

    /// The control of actuator `index` for `action`.
    @inline(__always)
    func control(_ index: Int, for action: Float) -> Double {
        centers[index] + halfWidths[index] * Double(action)
    }
}
