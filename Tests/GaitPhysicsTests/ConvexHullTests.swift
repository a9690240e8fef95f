import Foundation
import Testing
@testable import GaitPhysics

/// The convex hull collision meshes collide as: its corners, faces and edges.
@Suite("Convex hulls of meshes")
struct ConvexHullTests {
    /// A box's 8 corners, each face's centre, the middle of each edge and its own centre.
    private static let boxWithInnerPoints: [Vector3] = {
        var points: [Vector3] = []
        for x in [-1.0, 0, 1] { for y in [-1.0, 0, 1] { for z in [-1.0, 0, 1] { points.append(Vector3(0.5 * x, 0.25 * y, 2 * z)) } } }
        return points
    }()

    /// The volume the hull's faces enclose (the divergence theorem over its triangles).
    private static func volume(_ hull: ConvexHull) -> Double {
        hull.triangles.reduce(0) { sum, t in
            sum + hull.corners[Int(t.x)].dot(hull.corners[Int(t.y)].cross(hull.corners[Int(t.z)])) / 6
        }
    }

    @Test("a box's hull keeps its 8 corners and 12 triangles wound outwards")
    func box() throws {
        let hull = try ConvexHull(points: Self.boxWithInnerPoints)
        #expect(hull.corners.count == 8)
        #expect(Set(hull.corners.map { [abs($0.x), abs($0.y), abs($0.z)] }) == [[0.5, 0.25, 2]])
        #expect(hull.triangles.count == 12)
        #expect(abs(Self.volume(hull) - 1 * 0.5 * 4) < 1e-12)
        for (normal, offset) in hull.planes {
            #expect(hull.corners.allSatisfy { normal.dot($0) <= offset + 1e-12 })
        }
    }

    @Test("points on a sphere all become corners; the hull holds every point")
    func sphere() throws {
        var points: [Vector3] = []
        for ring in 1..<12 {
            for step in 0..<20 {
                let (polar, around) = (Double.pi * Double(ring) / 12, 2 * Double.pi * Double(step) / 20)
                points.append(Vector3(sin(polar) * cos(around), sin(polar) * sin(around), cos(polar)))
            }
        }
        points += [Vector3(0, 0, 1), Vector3(0, 0, -1), Vector3(0.1, 0.2, 0.3)]
        let hull = try ConvexHull(points: points)
        #expect(hull.corners.count == points.count - 1)
        // Euler: a closed triangulated surface of V corners has 2V − 4 triangles.
        #expect(hull.triangles.count == 2 * hull.corners.count - 4)
        for (normal, offset) in hull.planes {
            #expect(points.allSatisfy { normal.dot($0) <= offset + 1e-9 })
        }
    }

    @Test("the same points in the same order give the same hull, face for face")
    func repeatable() throws {
        let points = (0..<500).map { i in
            let t = Double(i)
            return Vector3(sin(t * 1.7), cos(t * 2.3), sin(t * 0.37 + 1))
        }
        #expect(try ConvexHull(points: points) == ConvexHull(points: points))
    }

    @Test("too few points, or points on a line or in a plane, are refused with the reason")
    func degenerate() {
        func reason(_ points: [Vector3]) -> String? {
            do {
                _ = try ConvexHull(points: points)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason([.zero, Vector3(1, 0, 0), Vector3(0, 1, 0)])?.contains("at least 4") == true)
        #expect(reason([.zero, .zero, .zero, .zero])?.contains("one point") == true)
        #expect(reason((0..<5).map { Vector3(Double($0), 0, 0) })?.contains("one line") == true)
        #expect(reason((0..<9).map { Vector3(Double($0 % 3), Double($0 / 3), 1e-9) })?.contains("one plane") == true)
    }
}
