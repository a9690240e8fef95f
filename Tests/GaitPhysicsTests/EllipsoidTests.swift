import Testing
@testable import GaitPhysics

@Suite("Ellipsoid collision hull") struct EllipsoidTests {
    @Test("the hull's corners lie on the ellipsoid and inside every face's plane; each face is flat and faces outward")
    func hullIsTheEllipsoidsInscribedPolyhedron() {
        let radii = Vector3(0.1, 0.15, 0.05)
        let hull = Ellipsoid.collisionHull(radii: radii)
        let corners = stride(from: 0, to: hull.points.count, by: 3).map { Vector3(hull.points[$0], hull.points[$0 + 1], hull.points[$0 + 2]) }
        for corner in corners {
            let scaled = corner / radii
            #expect(abs(scaled.dot(scaled) - 1) < 1e-12)
        }
        #expect(hull.planes.count == 4 * Ellipsoid.faceCount)
        #expect(corners.count == Ellipsoid.cornerCount && corners.count <= Ellipsoid.largestCornerCount, "contacts can reach every corner")
        var at = 0
        for face in 0..<Ellipsoid.faceCount {
            let normal = Vector3(hull.planes[4 * face], hull.planes[4 * face + 1], hull.planes[4 * face + 2]), offset = hull.planes[4 * face + 3]
            #expect(abs(normal.length - 1) < 1e-12)
            #expect(offset > 0, "the centre is inside every face")
            let count = Int(hull.polygons[at])
            for index in hull.polygons[at + 1...at + count] { #expect(abs(normal.dot(corners[Int(index)]) - offset) < 1e-12, "flat face") }
            for corner in corners { #expect(normal.dot(corner) <= offset + 1e-12, "convex") }
            at += count + 1
        }
        #expect(at == hull.polygons.count)
    }

    @Test("an ellipsoid geom's mass and inertia are the ellipsoid's")
    func massProperties() throws {
        let model = try Model(mjcf: "<mujoco><worldbody><body><freejoint/><geom type=\"ellipsoid\" size=\"0.1 0.15 0.05\" density=\"800\"/></body></worldbody></mujoco>")
        let mass = 800 * 4 / 3 * Double.pi * 0.1 * 0.15 * 0.05
        let properties = model.bodies[1].massProperties
        #expect(abs(properties.mass / mass - 1) < 1e-12)
        #expect(abs(properties.inertia.xx / (mass * (0.15 * 0.15 + 0.05 * 0.05) / 5) - 1) < 1e-12)
        #expect(abs(properties.inertia.zz / (mass * (0.1 * 0.1 + 0.15 * 0.15) / 5) - 1) < 1e-12)
    }
}
