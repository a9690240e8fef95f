import Foundation

/// A pinhole camera: where it is, where it looks, and how wide it sees.
struct Camera {
    let position: SIMD3<Double>
    let forward: SIMD3<Double>
    let right: SIMD3<Double>
    let up: SIMD3<Double>
    /// Pixels per unit of tan(angle off the axis).
    let focal: Double
    let width: Int
    let height: Int

    /// A camera `distance` away from `target` along `direction` (from the target towards the
    /// camera), z up, with a vertical field of view of `fieldOfView` radians.
    init(looking target: SIMD3<Double>, from direction: SIMD3<Double>, distance: Double, fieldOfView: Double, width: Int, height: Int) {
        let back = direction / (direction * direction).sum().squareRoot()
        position = target + distance * back
        forward = -back
        let side = SIMD3(forward.y, -forward.x, 0)
        right = side / max((side * side).sum().squareRoot(), 1e-12)
        up = SIMD3(right.y * forward.z - right.z * forward.y, right.z * forward.x - right.x * forward.z,
                   right.x * forward.y - right.y * forward.x)
        focal = Double(height) / 2 / tan(fieldOfView / 2)
        (self.width, self.height) = (width, height)
    }

    /// The direction of the ray through the centre of pixel (x, y), y down (not normalised).
    func ray(x: Int, y: Int) -> SIMD3<Double> {
        forward + ((Double(x) + 0.5 - Double(width) / 2) / focal) * right - ((Double(y) + 0.5 - Double(height) / 2) / focal) * up
    }

    /// The pixel position (x right, y down) of `point`, nil when it is behind the camera.
    func project(_ point: SIMD3<Double>) -> (x: Double, y: Double)? {
        let offset = point - position
        let depth = (offset * forward).sum()
        guard depth > 1e-9 else { return nil }
        return (Double(width) / 2 + focal * (offset * right).sum() / depth, Double(height) / 2 - focal * (offset * up).sum() / depth)
    }

    /// The pixel rectangle that holds a sphere of `radius` around `centre` (nil when behind the
    /// camera or off the image); conservative, so nothing inside is missed.
    func bounds(centre: SIMD3<Double>, radius: Double) -> (x: ClosedRange<Int>, y: ClosedRange<Int>)? {
        let offset = centre - position
        let depth = (offset * forward).sum()
        guard depth > -radius else { return nil }
        if depth <= radius * 1.01 { return (0...(width - 1), 0...(height - 1)) }
        let u = Double(width) / 2 + focal * (offset * right).sum() / depth
        let v = Double(height) / 2 - focal * (offset * up).sum() / depth
        let extent = focal * radius / (depth * depth - radius * radius).squareRoot() * 1.3 + 2
        let x0 = max(Int((u - extent).rounded(.down)), 0), x1 = min(Int((u + extent).rounded(.up)), width - 1)
        let y0 = max(Int((v - extent).rounded(.down)), 0), y1 = min(Int((v + extent).rounded(.up)), height - 1)
        guard x0 <= x1, y0 <= y1 else { return nil }
        return (x0...x1, y0...y1)
    }
}
