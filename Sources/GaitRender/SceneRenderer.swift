import Foundation
import GaitCore

/// Draws a scene — the `SceneShape`s of an environment where it says they are — into an RGB
/// image by casting one ray per pixel: Lambert-shaded solids and height fields, a checkered
/// floor with the solids' shadows where the scene has a floor, a sky gradient. Planar robots are
/// seen from the side, others from behind and above. The camera follows the robot's centre, or keeps a fixed base
/// (`SceneProviding.fixedBase`) still; its distance is chosen once, so that the robot fits.
public final class SceneRenderer {
    /// The widths and heights drawn.
    public static let sizes = 16...4096
    /// The vertical field of view (radians).
    static let fieldOfView = 45.0 * .pi / 180
    /// The colour of height fields.
    static let terrain = SIMD3<Double>(0.62, 0.64, 0.56)
    /// The direction light comes from (towards the light).
    static let light = SIMD3<Double>(0.35, -0.55, 1).normalized

    public let width: Int
    public let height: Int
    private let shapes: [SceneShape]
    private let planar: Bool
    private let fixedBase: SIMD3<Double>?
    private let hasFloor: Bool
    private let colours: [SIMD3<Double>]
    /// Each shape's bounding radius.
    private let radii: [Double]
    /// The camera's distance from what it looks at, once chosen.
    private var distance: Double?

    /// A renderer of `shapes` into images of `width` × `height` pixels.
    public init(shapes: [SceneShape], planar: Bool, fixedBase: SIMD3<Double>?, width: Int, height: Int) throws(RenderError) {
        guard Self.sizes.contains(width), Self.sizes.contains(height) else { throw .badSize(width: width, height: height) }
        (self.shapes, self.planar, self.fixedBase, self.width, self.height) = (shapes, planar, fixedBase, width, height)
        hasFloor = shapes.contains { $0.kind == .plane }
        colours = shapes.indices.map { shapes[$0].kind == .heightField ? Self.terrain : Self.colour(hue: Double((25 + 37 * $0) % 360)) }
        radii = shapes.map(\.boundingRadius)
    }

    /// A renderer of what `scene` shows.
    public convenience init(scene: any SceneProviding, width: Int, height: Int) throws(RenderError) {
        try self.init(shapes: scene.sceneShapes, planar: scene.isPlanar, fixedBase: scene.fixedBase, width: width, height: height)
    }

    /// The values of one frame's poses: 12 per shape (position, then rotation row by row).
    public var frameSize: Int { 12 * shapes.count }

    /// Chooses the camera's distance so that every frame of `poses` (frames one after another)
    /// fits the image.
    public func fit(_ poses: [Double]) {
        guard frameSize > 0 else { return }
        poses.withUnsafeBufferPointer { all in
            var farthest = 0.0
            for start in stride(from: 0, to: all.count - frameSize + 1, by: frameSize) {
                farthest = max(farthest, extent(UnsafeBufferPointer(rebasing: all[start..<start + frameSize])))
            }
            distance = max(farthest * 1.15 / sin(Self.fieldOfView / 2), 1)
        }
    }

    /// Draws the frame whose poses are `pose` (`frameSize` values) into `pixels` (width × height
    /// × 3 bytes, rows from the top). Without an earlier `fit`, the camera is fitted to this frame.
    public func render(_ pose: UnsafeBufferPointer<Double>, into pixels: UnsafeMutableBufferPointer<UInt8>) {
        precondition(pose.count == frameSize && pixels.count == width * height * 3, "a frame's poses or pixels have the wrong size")
        if distance == nil { fit(Array(pose)) }
        let camera = camera(for: pose)
        let frame = SceneFrame(shapes: shapes, pose: pose, radii: radii, colours: colours, camera: camera,
                               hasFloor: hasFloor, fadeDistance: 6 * (distance ?? 3), light: Self.light)
        var candidates: [Int] = []
        candidates.reserveCapacity(shapes.count)
        for y in 0..<height {
            frame.shapes(onRow: y, into: &candidates)
            for x in 0..<width {
                let colour = frame.colour(x: x, y: y, candidates: candidates)
                let offset = 3 * (y * width + x)
                for channel in 0..<3 { pixels[offset + channel] = UInt8(min(max(colour[channel] * 255 + 0.5, 0), 255)) }
            }
        }
    }

    /// The camera for the frame whose poses are `pose`: from the side for planar robots, from
    /// behind and above for others.
    func camera(for pose: UnsafeBufferPointer<Double>) -> Camera {
        let direction = planar ? SIMD3<Double>(0, -1, 0.12) : SIMD3<Double>(-0.55, -0.85, 0.5)
        return Camera(looking: target(pose), from: direction, distance: distance ?? 3, fieldOfView: Self.fieldOfView,
                      width: width, height: height)
    }

    /// What the camera looks at: the fixed base, or the centre of the robot's shapes.
    private func target(_ pose: UnsafeBufferPointer<Double>) -> SIMD3<Double> {
        if let fixedBase { return fixedBase }
        var sum = SIMD3<Double>.zero, count = 0.0
        for index in shapes.indices where !shapes[index].isGround {
            sum += SIMD3(pose[12 * index], pose[12 * index + 1], pose[12 * index + 2])
            count += 1
        }
        return count > 0 ? sum / count : .zero
    }

    /// How far the robot reaches from what the camera looks at.
    private func extent(_ pose: UnsafeBufferPointer<Double>) -> Double {
        let target = self.target(pose)
        var farthest = 0.5
        for index in shapes.indices where !shapes[index].isGround {
            let offset = SIMD3(pose[12 * index], pose[12 * index + 1], pose[12 * index + 2]) - target
            farthest = max(farthest, (offset * offset).sum().squareRoot() + radii[index])
        }
        return farthest
    }

    /// A solid colour of `hue` degrees (saturation 55 %, lightness 50 %), as red, green, blue in 0…1.
    static func colour(hue: Double) -> SIMD3<Double> {
        let chroma = 0.55, h = hue / 60
        let second = chroma * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let rgb: SIMD3<Double> = switch Int(h) {
        case 0: SIMD3(chroma, second, 0)
        case 1: SIMD3(second, chroma, 0)
        case 2: SIMD3(0, chroma, second)
        case 3: SIMD3(0, second, chroma)
        case 4: SIMD3(second, 0, chroma)
        default: SIMD3(chroma, 0, second)
        }
        return rgb + (0.5 - chroma / 2)
    }
}

extension SIMD3<Double> {
    /// The vector scaled to length 1.
    var normalized: SIMD3<Double> { self / (self * self).sum().squareRoot() }
}
