import Foundation
import GaitCore

/// The pendulum draws as a rod from its pivot (angle 0: upright) with a bob at its end.
extension PendulumEnvironment: SceneProviding {
    /// Where the pivot is drawn.
    static let pivotHeight = 1.2

    public var sceneShapes: [SceneShape] {
        [SceneShape(kind: .capsule, size: [0.05, Self.length / 2]), SceneShape(kind: .sphere, size: [0.1])]
    }

    public var isPlanar: Bool { true }

    public var fixedBase: SIMD3<Double>? { SIMD3(0, 0, Self.pivotHeight) }

    public func appendScenePoses(to poses: inout [Double]) {
        // The rod's z axis points from the pivot towards the bob.
        let (s, c) = (sin(angle), cos(angle))
        let pivot = (x: 0.0, z: Self.pivotHeight)
        let rotation = [c, 0, -s, 0, 1, 0, s, 0, c]
        poses += [pivot.x - s * Self.length / 2, 0, pivot.z + c * Self.length / 2] + rotation
        poses += [pivot.x - s * Self.length, 0, pivot.z + c * Self.length] + [1, 0, 0, 0, 1, 0, 0, 0, 1]
    }
}
