/// An environment that can say what it looks like, so that a replay can be drawn: a fixed list
/// of shapes and, at any moment, where each one is.
public protocol SceneProviding: AnyObject {
    /// The shapes, fixed for the environment's lifetime.
    var sceneShapes: [SceneShape] { get }
    /// True when everything moves in the x–z plane (drawn from the side).
    var isPlanar: Bool { get }
    /// The point a camera keeps still for a robot fixed in place (the pendulum's pivot), as
    /// (x, y, z); nil when the camera should follow the robot.
    var fixedBase: SIMD3<Double>? { get }
    /// Appends each shape's current pose to `poses`: its position (x, y, z, z up), then its
    /// rotation matrix (9 values, row-major).
    func appendScenePoses(to poses: inout [Double])
}

extension SceneProviding {
    public var fixedBase: SIMD3<Double>? { nil }
}
