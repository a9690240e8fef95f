import Foundation
internal import CODEShims

/// The convex polyhedron an ellipsoid collides as, since ODE has no ellipsoid: the corners of a
/// latitude-longitude grid on its surface (`rings` bands from pole to pole, `segments` around),
/// joined by quads between rings and triangles at the poles. An affine image of a sphere's grid,
/// every quad is flat; the polyhedron lies inside the ellipsoid and touches it at its corners.
enum Ellipsoid {
    static let rings = 8
    static let segments = 16
    /// Triangles at the two poles and quads between: rings × segments faces.
    static let faceCount = rings * segments
    /// The two poles and the rings between.
    static let cornerCount = 2 + (rings - 1) * segments
    /// The most corners a convex may have for contacts to find its deepest (gait_collide's room).
    static let largestCornerCount = Int(GAIT_MAX_CONVEX_CONTACTS)

    /// ODE's convex data for `radii`, in the geom's frame: one plane per face (outward unit normal
    /// n and offset d, n·x = d), the corners (x, y, z each), and each face as its corner count then
    /// its corners' indices, counter-clockwise seen from outside.
    static func collisionHull(radii: Vector3) -> (planes: [Double], points: [Double], polygons: [UInt32]) {
        var corners = [Vector3(0, 0, radii.z)]
        for ring in 1..<rings {
            let polar = Double.pi * Double(ring) / Double(rings)
            for segment in 0..<segments {
                let around = 2 * Double.pi * Double(segment) / Double(segments)
                corners.append(radii * Vector3(sin(polar) * cos(around), sin(polar) * sin(around), cos(polar)))
            }
        }
        corners.append(Vector3(0, 0, -radii.z))
        let bottom = corners.count - 1
        func corner(_ ring: Int, _ segment: Int) -> Int { 1 + (ring - 1) * segments + segment % segments }
        var faces: [[Int]] = []
        for segment in 0..<segments {
            faces.append([0, corner(1, segment), corner(1, segment + 1)])
            for ring in 1..<rings - 1 {
                faces.append([corner(ring, segment), corner(ring + 1, segment), corner(ring + 1, segment + 1), corner(ring, segment + 1)])
            }
            faces.append([bottom, corner(rings - 1, segment + 1), corner(rings - 1, segment)])
        }
        var planes: [Double] = [], polygons: [UInt32] = []
        for face in faces {
            let (a, b, c) = (corners[face[0]], corners[face[1]], corners[face[2]])
            let normal = (b - a).cross(c - a)
            let unit = normal / normal.length
            planes += [unit.x, unit.y, unit.z, unit.dot(a)]
            polygons.append(UInt32(face.count))
            polygons += face.map { UInt32($0) }
        }
        return (planes, corners.flatMap { [$0.x, $0.y, $0.z] }, polygons)
    }
}
