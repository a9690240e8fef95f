import Foundation

/// A mesh's volume, centre and inertia per unit mass, as MuJoCo's compiler finds them for a
/// mesh geom's mass (its `<mesh inertia>`): `legacy` (MuJoCo's default) sums the tetrahedra from
/// the surface's centroid to each triangle at their absolute volume, `exact` at their signed
/// volume (a closed, consistently wound surface), `convex` so for the surface's convex hull, `shell`
/// weighs the surface itself (volume is then its area).
struct MeshMass {
    /// How the solid is taken from the surface (MuJoCo's `<mesh inertia>`); `convex` is given the
    /// hull's surface.
    enum Kind: String, CaseIterable {
        case legacy, exact, convex, shell
    }

    /// Why the mesh has no mass MuJoCo would accept.
    struct Refusal: Error {
        let reason: String
    }

    /// The volume (for `shell`, the area) that a density multiplies into a mass.
    let volume: Double
    /// The centre of mass in the mesh's frame.
    let center: Vector3
    /// The inertia about `center` per kilogram (MuJoCo scales it with the geom's mass).
    let unitMassInertia: Matrix3

    /// The mass of `mesh`'s surface (vertices already scaled and moved as the asset says).
    init(_ mesh: MeshTriangles, kind: Kind) throws(Refusal) {
        let corners = mesh.triangles.map { (mesh.vertices[Int($0.x)], mesh.vertices[Int($0.y)], mesh.vertices[Int($0.z)]) }
        var surfaceCentroid = Vector3.zero, area = 0.0
        for (a, b, c) in corners {
            let triangle = Self.triangle(a, b, c)
            surfaceCentroid = surfaceCentroid + triangle.area * triangle.center
            area += triangle.area
        }
        guard area >= Model.smallestValue else { throw Refusal(reason: "its surface area is too small") }
        surfaceCentroid = surfaceCentroid / area
        // The centre: pyramids from the surface's centroid to each triangle (for a shell, the
        // triangles themselves, weighted as MuJoCo weighs them).
        var center = Vector3.zero, total = 0.0
        for (a, b, c) in corners {
            let triangle = Self.triangle(a, b, c)
            var weight = kind == .shell ? triangle.area : (triangle.center - surfaceCentroid).dot(triangle.normal) * triangle.area / 3
            if kind == .legacy { weight = abs(weight) }
            total += weight
            center = center + weight * (0.75 * triangle.center + 0.25 * surfaceCentroid)
        }
        guard total >= Model.smallestValue else {
            throw Refusal(reason: total < 0 ? "its volume is negative (triangles wound inside out)"
                : "its volume is too small (an open or flat surface: inertia=\"shell\" weighs the surface instead)")
        }
        center = center / total
        // The inertia: second moments of the same pyramids, now from the centre.
        var moments = [Double](repeating: 0, count: 6), volume = 0.0
        let axes = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2)]
        for (a, b, c) in corners {
            let (d, e, f) = (a - center, b - center, c - center)
            let triangle = Self.triangle(d, e, f)
            var weight = kind == .shell ? triangle.area : triangle.center.dot(triangle.normal) * triangle.area / 3
            if kind == .legacy { weight = abs(weight) }
            volume += weight
            let (dv, ev, fv) = ([d.x, d.y, d.z], [e.x, e.y, e.z], [f.x, f.y, f.z])
            for (slot, (i, j)) in axes.enumerated() {
                let products = 2 * (dv[i] * dv[j] + ev[i] * ev[j] + fv[i] * fv[j])
                    + dv[i] * ev[j] + dv[j] * ev[i] + dv[i] * fv[j] + dv[j] * fv[i] + ev[i] * fv[j] + ev[j] * fv[i]
                moments[slot] += weight / (kind == .shell ? 12 : 20) * products
            }
        }
        let inertia = Matrix3(xx: moments[1] + moments[2], xy: -moments[3], xz: -moments[4],
                              yx: -moments[3], yy: moments[0] + moments[2], yz: -moments[5],
                              zx: -moments[4], zy: -moments[5], zz: moments[0] + moments[1])
        // MuJoCo's checks of the principal moments.
        let principal = inertia.symmetricEigen().values
        let (p, q, r) = (principal.x, principal.y, principal.z)
        guard min(p, q, r) > 0 else { throw Refusal(reason: "its inertia has a principal moment that is not positive") }
        let slack = { (sum: Double, single: Double) in sum >= single * (1 - 1e-6) - 1e-9 }
        guard slack(p + q, r), slack(p + r, q), slack(q + r, p) else {
            throw Refusal(reason: "its principal moments of inertia break A + B ≥ C")
        }
        self.volume = volume
        self.center = center
        unitMassInertia = (1 / volume) * inertia
    }

    /// For `exact`: no edge runs the same way in two triangles (MuJoCo's check that the winding
    /// is consistent, on the surface before it is moved or scaled), counting only triangles of
    /// some area.
    static func checkWinding(_ mesh: MeshTriangles) throws(Refusal) {
        var edges: Set<SIMD2<Int32>> = []
        for t in mesh.triangles {
            let (a, b, c) = (mesh.vertices[Int(t.x)], mesh.vertices[Int(t.y)], mesh.vertices[Int(t.z)])
            guard Self.triangle(a, b, c).area > Model.smallestValue.squareRoot() else { continue }
            for edge in [SIMD2(t.x, t.y), SIMD2(t.y, t.z), SIMD2(t.z, t.x)] where !edges.insert(edge).inserted {
                throw Refusal(reason: "its triangles are wound inconsistently (two run along the edge from vertex \(edge.x + 1) to \(edge.y + 1)); inertia=\"exact\" needs a consistently wound surface")
            }
        }
    }

    /// A triangle's area, unit normal (zero for a sliver) and centroid, as MuJoCo computes them.
    private static func triangle(_ a: Vector3, _ b: Vector3, _ c: Vector3) -> (area: Double, normal: Vector3, center: Vector3) {
        let center = (a + b + c) / 3
        let normal = (b - a).cross(c - a), length = normal.length
        guard length >= Model.smallestValue else { return (0, normal, center) }
        return (0.5 * length, normal / length, center)
    }
}
