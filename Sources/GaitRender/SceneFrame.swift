import GaitCore

/// One frame of a scene as the renderer needs it: each solid's place in the world, the pixels it
/// may cover and the floor it may shade, and how to colour the ray through any pixel.
struct SceneFrame {
    let shapes: [SceneShape]
    let camera: Camera
    let hasFloor: Bool
    let light: SIMD3<Double>
    /// Beyond this distance the floor has faded into the sky.
    let fadeDistance: Double
    private let colours: [SIMD3<Double>]
    private let radii: [Double]
    private let centres: [SIMD3<Double>]
    /// Each shape's rotation, 9 values row by row (from its frame to the world).
    private let rotations: [Double]
    /// The pixels each solid may cover (nil: none, or the plane).
    private let bounds: [(x: ClosedRange<Int>, y: ClosedRange<Int>)?]
    /// Where each solid's shadow falls on the floor (centre, along the light) and how far it reaches.
    private let shadows: [(x: Double, y: Double, reach: Double)?]

    init(shapes: [SceneShape], pose: UnsafeBufferPointer<Double>, radii: [Double], colours: [SIMD3<Double>], camera: Camera,
         hasFloor: Bool, fadeDistance: Double, light: SIMD3<Double>) {
        (self.shapes, self.radii, self.colours, self.camera, self.hasFloor, self.fadeDistance, self.light) =
            (shapes, radii, colours, camera, hasFloor, fadeDistance, light)
        centres = shapes.indices.map { SIMD3(pose[12 * $0], pose[12 * $0 + 1], pose[12 * $0 + 2]) }
        rotations = shapes.indices.flatMap { index in (0..<9).map { pose[12 * index + 3 + $0] } }
        let solid = shapes.map { $0.kind != .plane }
        bounds = zip(centres, radii).enumerated().map { index, item in solid[index] ? camera.bounds(centre: item.0, radius: item.1) : nil }
        shadows = zip(centres, radii).enumerated().map { index, item in
            let (centre, radius) = item
            guard solid[index], centre.z + radius > 0 else { return nil }
            let foot = centre - (centre.z / light.z) * light
            return (foot.x, foot.y, radius / light.z)
        }
    }

    /// The solids that may cover row `y`.
    func shapes(onRow y: Int, into candidates: inout [Int]) {
        candidates.removeAll(keepingCapacity: true)
        for index in shapes.indices where bounds[index]?.y.contains(y) == true { candidates.append(index) }
    }

    /// The colour of pixel (x, y), testing only `candidates` (the solids on its row).
    func colour(x: Int, y: Int, candidates: [Int]) -> SIMD3<Double> {
        let (origin, direction) = (camera.position, camera.ray(x: x, y: y))
        var nearest: (hit: RayHit, shape: Int)?
        for index in candidates where bounds[index]!.x.contains(x) {
            guard let hit = hit(index, origin, direction), hit.distance < nearest?.hit.distance ?? .infinity else { continue }
            nearest = (hit, index)
        }
        let floorDistance = hasFloor && direction.z < 0 && origin.z > 0 ? -origin.z / direction.z : Double.infinity
        if let (hit, index) = nearest, hit.distance < floorDistance {
            let normal = rotate(hit.normal, shape: index)
            return colours[index] * (0.3 + 0.7 * max((normal * light).sum(), 0))
        }
        let length = (direction * direction).sum().squareRoot()
        let sky = SIMD3<Double>(0.62, 0.76, 0.92) + max(0, direction.z / length) * SIMD3(0.2, 0.14, 0.06)
        guard floorDistance.isFinite else { return sky }
        let point = origin + floorDistance * direction
        let checker = (Int((point.x * 2).rounded(.down)) + Int((point.y * 2).rounded(.down))) & 1 == 0
        let floor: SIMD3<Double> = checker ? SIMD3(0.78, 0.80, 0.83) : SIMD3(0.63, 0.66, 0.71)
        let lit = inShadow(point) ? floor * 0.6 : floor
        let fade = min(floorDistance * length / fadeDistance, 1)
        return lit * (1 - fade) + sky * fade
    }

    /// True when a solid stands between the floor point and the light.
    private func inShadow(_ point: SIMD3<Double>) -> Bool {
        for index in shapes.indices {
            guard let shadow = shadows[index], abs(point.x - shadow.x) <= shadow.reach, abs(point.y - shadow.y) <= shadow.reach
            else { continue }
            if hit(index, point, light) != nil { return true }
        }
        return false
    }

    /// Shape `index` hit by the ray `origin + t·direction` (world frame; normal in the shape's frame).
    private func hit(_ index: Int, _ origin: SIMD3<Double>, _ direction: SIMD3<Double>) -> RayHit? {
        shapes[index].hit(origin: unrotate(origin - centres[index], shape: index), direction: unrotate(direction, shape: index))
    }

    /// R·v for shape `index`'s rotation R (from its frame to the world).
    private func rotate(_ v: SIMD3<Double>, shape index: Int) -> SIMD3<Double> {
        let r = 9 * index
        return SIMD3(rotations[r] * v.x + rotations[r + 1] * v.y + rotations[r + 2] * v.z,
                     rotations[r + 3] * v.x + rotations[r + 4] * v.y + rotations[r + 5] * v.z,
                     rotations[r + 6] * v.x + rotations[r + 7] * v.y + rotations[r + 8] * v.z)
    }

    /// Rᵀ·v for shape `index`'s rotation R (from the world to its frame).
    private func unrotate(_ v: SIMD3<Double>, shape index: Int) -> SIMD3<Double> {
        let r = 9 * index
        return SIMD3(rotations[r] * v.x + rotations[r + 3] * v.y + rotations[r + 6] * v.z,
                     rotations[r + 1] * v.x + rotations[r + 4] * v.y + rotations[r + 7] * v.z,
                     rotations[r + 2] * v.x + rotations[r + 5] * v.y + rotations[r + 8] * v.z)
    }
}
