/// The convex hull of a mesh's vertices: what MuJoCo collides a mesh geom as (its compiler builds
/// the hull with qhull; this is quickhull). A point within 1e-12 of the mesh's size of a face
/// counts as on it, not a corner: MuJoCo's hulls of dm_control's Kinova meshes have these corners.
public struct ConvexHull: Sendable, Hashable {
    /// Why a set of points has no hull with volume.
    struct Refusal: Error {
        let reason: String
    }

    /// The hull's corners, in the mesh's frame.
    public let corners: [Vector3]
    /// Its faces: triangles of corner indices, counter-clockwise seen from outside.
    public let triangles: [SIMD3<Int32>]

    /// The most corners a hull may have: ODE tests a convex's corners one by one on every step.
    static let maximumCorners = 10_000

    /// The hull of `points`; refused when they are fewer than four, all on one plane (or line)
    /// within 1e-12 of their extent, or make more than `maximumCorners` corners.
    init(points: [Vector3]) throws(Refusal) {
        guard points.count >= 4 else { throw Refusal(reason: "it needs at least 4 vertices (\(points.count) given)") }
        let low = points.reduce(points[0]) { pointwiseMin($0, $1) }, high = points.reduce(points[0]) { pointwiseMax($0, $1) }
        let tolerance = 1e-12 * max((high - low).max(), Model.smallestValue)
        var builder = Builder(points: points, tolerance: tolerance)
        try builder.start()
        try builder.grow()
        (corners, triangles) = builder.result()
        guard corners.count <= Self.maximumCorners else {
            throw Refusal(reason: "it would have \(corners.count) corners, more than the \(Self.maximumCorners) Gait collides; simplify the mesh")
        }
    }

    /// The outward unit normal n and offset d (n·x = d) of each face.
    public var planes: [(normal: Vector3, offset: Double)] {
        triangles.map { t in
            let (a, b, c) = (corners[Int(t.x)], corners[Int(t.y)], corners[Int(t.z)])
            let normal = (b - a).cross(c - a)
            let unit = normal / normal.length
            return (unit, unit.dot(a))
        }
    }

    /// Quickhull: a tetrahedron of extreme points, then, face by face, the farthest point outside
    /// it replaces every face it sees with a fan of faces over their horizon.
    private struct Builder {
        struct Face {
            var corners: SIMD3<Int>
            var normal: Vector3
            var offset: Double
            var outside: [Int] = []
            var alive = true
        }

        let points: [Vector3]
        let tolerance: Double
        var faces: [Face] = []
        /// The face on the left of each directed edge (from << 32 | to).
        var edgeFaces: [Int: Int] = [:]

        init(points: [Vector3], tolerance: Double) {
            self.points = points
            self.tolerance = tolerance
        }

        func distance(_ point: Int, from face: Face) -> Double { face.normal.dot(points[point]) - face.offset }

        /// The first tetrahedron, from the points farthest apart along x, then from their line,
        /// then from their plane; every other point goes to the first face it lies outside.
        mutating func start() throws(Refusal) {
            let all = points.indices
            let first = all.min { points[$0].x < points[$1].x }!
            let second = all.max { (points[$0] - points[first]).length < (points[$1] - points[first]).length }!
            let axis = points[second] - points[first]
            guard axis.length > tolerance else { throw Refusal(reason: "the vertices all lie at one point") }
            func offLine(_ i: Int) -> Double { (points[i] - points[first]).cross(axis).length / axis.length }
            let third = all.max { offLine($0) < offLine($1) }!
            guard offLine(third) > tolerance else { throw Refusal(reason: "the vertices all lie on one line, enclosing no volume") }
            let normal = axis.cross(points[third] - points[first]), unit = normal / normal.length
            func offPlane(_ i: Int) -> Double { unit.dot(points[i] - points[first]) }
            let fourth = all.max { abs(offPlane($0)) < abs(offPlane($1)) }!
            guard abs(offPlane(fourth)) > tolerance else { throw Refusal(reason: "the vertices all lie in one plane, enclosing no volume") }
            let base = offPlane(fourth) < 0 ? [first, second, third] : [first, third, second]
            for corners in [SIMD3(base[0], base[1], base[2]), SIMD3(base[0], fourth, base[1]),
                            SIMD3(base[1], fourth, base[2]), SIMD3(base[2], fourth, base[0])] {
                addFace(corners)
            }
            let chosen: Set = [first, second, third, fourth]
            assign(all.filter { !chosen.contains($0) }, to: Array(faces.indices))
        }

        /// Adds the face with `corners` (counter-clockwise from outside) and its edges.
        mutating func addFace(_ corners: SIMD3<Int>) {
            let (a, b, c) = (points[corners.x], points[corners.y], points[corners.z])
            let normal = (b - a).cross(c - a), unit = normal / normal.length
            faces.append(Face(corners: corners, normal: unit, offset: unit.dot(a)))
            for (from, to) in [(corners.x, corners.y), (corners.y, corners.z), (corners.z, corners.x)] {
                edgeFaces[from << 32 | to] = faces.count - 1
            }
        }

        /// The face on the other side of a face's edge from `from` to `to`; refused when rounding
        /// left the surface open there.
        func face(across from: Int, _ to: Int) throws(Refusal) -> Int {
            guard let face = edgeFaces[to << 32 | from] else {
                throw Refusal(reason: "rounding broke it (many vertices nearly on one plane); simplify the mesh")
            }
            return face
        }

        /// Gives each of `candidates` to the first of `newFaces` it lies outside (beyond the
        /// tolerance); points inside them all are inside the hull and dropped.
        mutating func assign(_ candidates: [Int], to newFaces: [Int]) {
            for point in candidates {
                if let face = newFaces.first(where: { distance(point, from: faces[$0]) > tolerance }) {
                    faces[face].outside.append(point)
                }
            }
        }

        mutating func grow() throws(Refusal) {
            var next = 0
            while next < faces.count {
                guard faces[next].alive, !faces[next].outside.isEmpty else {
                    next += 1
                    continue
                }
                let seed = faces[next]
                let apex = seed.outside.max { distance($0, from: seed) < distance($1, from: seed) }!
                // The faces the apex sees: those connected to this one that it lies outside.
                // (An array, not a set, so that the faces' order does not follow the process's hash seed.)
                var visible = [next], seen: Set = [next], searched = 0
                while searched < visible.count {
                    let c = faces[visible[searched]].corners
                    searched += 1
                    for (from, to) in [(c.x, c.y), (c.y, c.z), (c.z, c.x)] {
                        let neighbour = try face(across: from, to)
                        if !seen.contains(neighbour), distance(apex, from: faces[neighbour]) > tolerance {
                            seen.insert(neighbour)
                            visible.append(neighbour)
                        }
                    }
                }
                // The horizon: edges of seen faces whose other face is unseen, each fanned to the apex.
                var horizon: [(Int, Int)] = []
                var orphans: [Int] = []
                for index in visible {
                    let c = faces[index].corners
                    for (from, to) in [(c.x, c.y), (c.y, c.z), (c.z, c.x)] where try !seen.contains(face(across: from, to)) {
                        horizon.append((from, to))
                    }
                }
                for index in visible {
                    let c = faces[index].corners
                    for (from, to) in [(c.x, c.y), (c.y, c.z), (c.z, c.x)] where edgeFaces[from << 32 | to] == index {
                        edgeFaces[from << 32 | to] = nil
                    }
                    orphans += faces[index].outside.filter { $0 != apex }
                    faces[index].outside = []
                    faces[index].alive = false
                }
                let firstNew = faces.count
                for (from, to) in horizon { addFace(SIMD3(from, to, apex)) }
                assign(orphans, to: Array(firstNew..<faces.count))
            }
            // A closed surface: every living face's edges are its own, and each has a living twin.
            for (index, face) in faces.enumerated() where face.alive {
                let c = face.corners
                for (from, to) in [(c.x, c.y), (c.y, c.z), (c.z, c.x)] {
                    guard edgeFaces[from << 32 | to] == index, try faces[self.face(across: from, to)].alive else {
                        throw Refusal(reason: "rounding broke it (many vertices nearly on one plane); simplify the mesh")
                    }
                }
            }
        }

        /// The living faces over their corners, renumbered in the order of the mesh's vertices.
        func result() -> ([Vector3], [SIMD3<Int32>]) {
            let living = faces.filter(\.alive)
            let used = Set(living.flatMap { [$0.corners.x, $0.corners.y, $0.corners.z] }).sorted()
            let number = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, Int32($0)) })
            let triangles = living.map { SIMD3(number[$0.corners.x]!, number[$0.corners.y]!, number[$0.corners.z]!) }
            return (used.map { points[$0] }, triangles)
        }
    }
}
