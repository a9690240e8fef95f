import GaitCore

extension SceneShape {
    /// The radius of a sphere around the shape's centre that holds all of it (0 for the plane).
    var boundingRadius: Double {
        switch kind {
        case .sphere: size[0]
        case .capsule: size[0] + size[1]
        case .cylinder: (size[0] * size[0] + size[1] * size[1]).squareRoot()
        case .box: (size[0] * size[0] + size[1] * size[1] + size[2] * size[2]).squareRoot()
        case .ellipsoid: size.max() ?? 0
        case .plane: 0
        }
    }

    /// The nearest point in front of `origin` where the ray `origin + t·direction` (in the shape's
    /// own frame) enters the shape, with the normal there (also in the shape's frame).
    func hit(origin o: SIMD3<Double>, direction d: SIMD3<Double>) -> RayHit? {
        switch kind {
        case .sphere: Self.sphere(o, d, centre: .zero, radius: size[0])
        case .capsule: Self.capsule(o, d, radius: size[0], halfLength: size[1])
        case .cylinder: Self.cylinder(o, d, radius: size[0], halfLength: size[1])
        case .box: Self.box(o, d, half: SIMD3(size[0], size[1], size[2]))
        case .ellipsoid: Self.ellipsoid(o, d, radii: SIMD3(size[0], size[1], size[2]))
        case .plane: d.z < 0 && o.z > 0 ? RayHit(distance: -o.z / d.z, normal: SIMD3(0, 0, 1)) : nil
        }
    }

    /// The smallest positive root of a·t² + 2b·t + c = 0, if any.
    private static func nearestRoot(a: Double, b: Double, c: Double) -> Double? {
        let discriminant = b * b - a * c
        guard a > 0, discriminant >= 0 else { return nil }
        let root = discriminant.squareRoot()
        let near = (-b - root) / a
        if near > 1e-9 { return near }
        let far = (-b + root) / a
        return far > 1e-9 ? far : nil
    }

    private static func sphere(_ o: SIMD3<Double>, _ d: SIMD3<Double>, centre: SIMD3<Double>, radius: Double) -> RayHit? {
        let offset = o - centre
        guard let t = nearestRoot(a: (d * d).sum(), b: (offset * d).sum(), c: (offset * offset).sum() - radius * radius) else {
            return nil
        }
        return RayHit(distance: t, normal: (offset + t * d) / radius)
    }

    /// The side of the infinite cylinder x² + y² = r² between z = −h and z = h.
    private static func tube(_ o: SIMD3<Double>, _ d: SIMD3<Double>, radius: Double, halfLength: Double) -> RayHit? {
        guard let t = nearestRoot(a: d.x * d.x + d.y * d.y, b: o.x * d.x + o.y * d.y, c: o.x * o.x + o.y * o.y - radius * radius)
        else { return nil }
        let point = o + t * d
        guard abs(point.z) <= halfLength else { return nil }
        return RayHit(distance: t, normal: SIMD3(point.x / radius, point.y / radius, 0))
    }

    /// The ellipsoid is the unit sphere scaled by `radii`: the ray meets it where the unscaled ray
    /// meets the sphere, at the same t; the normal is the gradient x/r².
    private static func ellipsoid(_ o: SIMD3<Double>, _ d: SIMD3<Double>, radii: SIMD3<Double>) -> RayHit? {
        guard let unit = sphere(o / radii, d / radii, centre: .zero, radius: 1) else { return nil }
        let gradient = (o + unit.distance * d) / (radii * radii)
        return RayHit(distance: unit.distance, normal: gradient / (gradient * gradient).sum().squareRoot())
    }

    private static func capsule(_ o: SIMD3<Double>, _ d: SIMD3<Double>, radius: Double, halfLength: Double) -> RayHit? {
        RayHit.nearer(tube(o, d, radius: radius, halfLength: halfLength),
                      RayHit.nearer(sphere(o, d, centre: SIMD3(0, 0, halfLength), radius: radius),
                                    sphere(o, d, centre: SIMD3(0, 0, -halfLength), radius: radius)))
    }

    private static func cylinder(_ o: SIMD3<Double>, _ d: SIMD3<Double>, radius: Double, halfLength: Double) -> RayHit? {
        var hit = tube(o, d, radius: radius, halfLength: halfLength)
        guard d.z != 0 else { return hit }
        for cap in stride(from: -halfLength, through: halfLength, by: 2 * halfLength) {
            let t = (cap - o.z) / d.z
            let point = o + t * d
            if t > 1e-9 && point.x * point.x + point.y * point.y <= radius * radius {
                hit = RayHit.nearer(hit, RayHit(distance: t, normal: SIMD3(0, 0, cap > 0 ? 1 : -1)))
            }
        }
        return hit
    }

    /// The slab method: the ray is inside the box between its last entry and first exit.
    private static func box(_ o: SIMD3<Double>, _ d: SIMD3<Double>, half: SIMD3<Double>) -> RayHit? {
        var entry = -Double.infinity, exit = Double.infinity, axis = 0
        for i in 0..<3 {
            if d[i] == 0 {
                if abs(o[i]) > half[i] { return nil }
                continue
            }
            let (a, b) = ((-half[i] - o[i]) / d[i], (half[i] - o[i]) / d[i])
            let (near, far) = (min(a, b), max(a, b))
            if near > entry { (entry, axis) = (near, i) }
            exit = min(exit, far)
        }
        guard entry <= exit, entry > 1e-9 else { return nil }
        var normal = SIMD3<Double>.zero
        normal[axis] = d[axis] > 0 ? -1 : 1
        return RayHit(distance: entry, normal: normal)
    }
}
