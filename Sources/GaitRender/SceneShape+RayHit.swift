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
        case .heightField: (size[0] * size[0] + size[1] * size[1] + max(size[2], size[3]) * max(size[2], size[3])).squareRoot()
        case .convex: (0..<Int(size[0])).map { (i: Int) -> Double in
            let corner = SIMD3(size[1 + 3 * i], size[2 + 3 * i], size[3 + 3 * i])
            return (corner * corner).sum().squareRoot()
        }.max() ?? 0
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
        case .heightField: Self.heightField(o, d, size: size)
        case .convex: Self.convex(o, d, planes: size.dropFirst(1 + 3 * Int(size[0])))
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

    /// The slab method: the ray is inside the box from `low` to `high` between its last entry and
    /// first exit; `axis` is the one whose faces it entered through.
    private static func slabs(_ o: SIMD3<Double>, _ d: SIMD3<Double>, low: SIMD3<Double>, high: SIMD3<Double>)
        -> (entry: Double, exit: Double, axis: Int)? {
        var entry = -Double.infinity, exit = Double.infinity, axis = 0
        for i in 0..<3 {
            if d[i] == 0 {
                if o[i] < low[i] || o[i] > high[i] { return nil }
                continue
            }
            let (a, b) = ((low[i] - o[i]) / d[i], (high[i] - o[i]) / d[i])
            let (near, far) = (min(a, b), max(a, b))
            if near > entry { (entry, axis) = (near, i) }
            exit = min(exit, far)
        }
        return entry <= exit ? (entry, exit, axis) : nil
    }

    private static func box(_ o: SIMD3<Double>, _ d: SIMD3<Double>, half: SIMD3<Double>) -> RayHit? {
        guard let (entry, _, axis) = slabs(o, d, low: -half, high: half), entry > 1e-9 else { return nil }
        var normal = SIMD3<Double>.zero
        normal[axis] = d[axis] > 0 ? -1 : 1
        return RayHit(distance: entry, normal: normal)
    }

    /// The intersection of the faces' half-spaces n·p ≤ d (`planes`: n and d, 4 numbers a face):
    /// the ray is inside between its last entry and first exit; the normal is the entered face's.
    private static func convex(_ o: SIMD3<Double>, _ d: SIMD3<Double>, planes: ArraySlice<Double>) -> RayHit? {
        var entry = -Double.infinity, exit = Double.infinity, normal = SIMD3<Double>.zero
        for start in stride(from: planes.startIndex, to: planes.endIndex, by: 4) {
            let n = SIMD3(planes[start], planes[start + 1], planes[start + 2])
            let (gap, speed) = (planes[start + 3] - (n * o).sum(), (n * d).sum())
            if speed == 0 {
                if gap < 0 { return nil }
                continue
            }
            let t = gap / speed
            if speed < 0, t > entry { (entry, normal) = (t, n) }
            if speed > 0 { exit = min(exit, t) }
        }
        return entry <= exit && entry > 1e-9 ? RayHit(distance: entry, normal: normal) : nil
    }

    /// A height field (see `SceneShape`): its slab's sides and bottom, and its surface, two
    /// triangles a cell, met by walking the cells the ray crosses (Amanatides and Woo).
    private static func heightField(_ o: SIMD3<Double>, _ d: SIMD3<Double>, size: [Double]) -> RayHit? {
        let (rx, ry, top, base) = (size[0], size[1], size[2], size[3])
        let (rows, columns) = (Int(size[4]), Int(size[5]))
        let (dx, dy) = (2 * rx / Double(columns - 1), 2 * ry / Double(rows - 1))
        func vertex(_ row: Int, _ column: Int) -> SIMD3<Double> {
            SIMD3(-rx + Double(column) * dx, -ry + Double(row) * dy, top * size[6 + row * columns + column])
        }
        guard let (entry, exit, axis) = slabs(o, d, low: SIMD3(-rx, -ry, -base), high: SIMD3(rx, ry, top)), exit > 1e-9 else {
            return nil
        }
        let start = max(entry, 1e-9), point = o + start * d
        var column = min(max(Int(((point.x + rx) / dx).rounded(.down)), 0), columns - 2)
        var row = min(max(Int(((point.y + ry) / dy).rounded(.down)), 0), rows - 2)
        if entry > 1e-9 && (axis != 2 || d.z > 0) {
            // Through a side or the bottom: a hit unless it passes above the surface's edge there.
            let surface: Double
            switch axis {
            case 0:
                let (edge, along) = (point.x > 0 ? column + 1 : column, (point.y + ry) / dy - Double(row))
                surface = vertex(row, edge).z * (1 - along) + vertex(row + 1, edge).z * along
            case 1:
                let (edge, along) = (point.y > 0 ? row + 1 : row, (point.x + rx) / dx - Double(column))
                surface = vertex(edge, column).z * (1 - along) + vertex(edge, column + 1).z * along
            default: surface = .infinity
            }
            if point.z <= surface {
                var normal = SIMD3<Double>.zero
                normal[axis] = d[axis] > 0 ? -1 : 1
                return RayHit(distance: entry, normal: normal)
            }
        }
        let step = (x: d.x > 0 ? 1 : -1, y: d.y > 0 ? 1 : -1)
        let delta = (x: d.x == 0 ? Double.infinity : dx / abs(d.x), y: d.y == 0 ? Double.infinity : dy / abs(d.y))
        var next = (x: d.x == 0 ? Double.infinity : (-rx + Double(column + (d.x > 0 ? 1 : 0)) * dx - o.x) / d.x,
                    y: d.y == 0 ? Double.infinity : (-ry + Double(row + (d.y > 0 ? 1 : 0)) * dy - o.y) / d.y)
        while true {
            let (a, b, c, e) = (vertex(row, column), vertex(row, column + 1), vertex(row + 1, column + 1), vertex(row + 1, column))
            if let hit = RayHit.nearer(triangle(o, d, a, b, c), triangle(o, d, a, c, e)) { return hit }
            if min(next.x, next.y) > exit { return nil }
            if next.x < next.y {
                column += step.x
                next.x += delta.x
            } else {
                row += step.y
                next.y += delta.y
            }
            guard (0..<columns - 1).contains(column), (0..<rows - 1).contains(row) else { return nil }
        }
    }

    /// Where the ray meets the triangle a, b, c (Möller and Trumbore), its normal facing up.
    private static func triangle(_ o: SIMD3<Double>, _ d: SIMD3<Double>, _ a: SIMD3<Double>, _ b: SIMD3<Double>,
                                 _ c: SIMD3<Double>) -> RayHit? {
        let (edge1, edge2) = (b - a, c - a)
        let p = cross(d, edge2), determinant = (edge1 * p).sum()
        guard abs(determinant) > 1e-12 else { return nil }
        let offset = o - a
        let u = (offset * p).sum() / determinant
        let q = cross(offset, edge1)
        let v = (d * q).sum() / determinant
        guard u >= 0, v >= 0, u + v <= 1 else { return nil }
        let t = (edge2 * q).sum() / determinant
        guard t > 1e-9 else { return nil }
        let normal = cross(edge1, edge2)
        return RayHit(distance: t, normal: (normal.z < 0 ? -normal : normal) / (normal * normal).sum().squareRoot())
    }

    private static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}
