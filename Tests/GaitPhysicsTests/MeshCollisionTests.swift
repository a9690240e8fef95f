import Testing
@testable import GaitPhysics

/// Mesh geoms that collide, as their convex hulls. (Python's test_dynamics_vs_mujoco holds their
/// motion to MuJoCo's, test_real_models their hulls to MuJoCo's compiler.)
@Suite("Meshes that collide")
struct MeshCollisionTests {
    /// A box of half extents 0.1 × 0.15 × 0.05 given by its corners alone, plus a point inside it.
    static let boxMesh = "<mesh name=\"box\" vertex=\"" + (0..<8).map { i in
        "\(i & 1 == 0 ? -0.1 : 0.1) \(i & 2 == 0 ? -0.15 : 0.15) \(i & 4 == 0 ? -0.05 : 0.05)"
    }.joined(separator: " ") + " 0 0 0.02\"/>"

    static func model(_ geom: String, euler: String = "0 0 0") throws -> Model {
        try Model(mjcf: "<mujoco><asset>\(boxMesh)</asset><worldbody><geom type=\"plane\" size=\"5 5 0.1\"/>"
                  + "<body pos=\"0 0 0.3\" euler=\"\(euler)\"><freejoint/>\(geom)</body></worldbody></mujoco>")
    }

    @Test("a colliding mesh geom is its vertices' hull, weighs as the solid MuJoCo makes of faceless vertices, and says it is approximated")
    func loads() throws {
        let model = try Self.model("<geom type=\"mesh\" mesh=\"box\" density=\"800\"/>")
        guard case .mesh(let hull) = model.geoms[1].shape else {
            Issue.record("the mesh geom is \(model.geoms[1].shape)")
            return
        }
        #expect(hull.corners.count == 8 && hull.triangles.count == 12, "the inner point is no corner")
        #expect(abs(model.bodies[1].massProperties.mass / (800 * 0.2 * 0.3 * 0.1) - 1) < 1e-6, "its corners rounded to float")
        #expect(model.notices.contains { $0.contains("contacts of mesh geoms") })
    }

    @Test("dropped on the floor, a mesh box comes to rest on it as a box geom does, touching at four corners")
    func restsOnThePlane() throws {
        for euler in ["0 0 0", "10 20 30"] {
            var heights: [Double] = []
            for geom in ["<geom type=\"mesh\" mesh=\"box\" density=\"800\"/>", "<geom type=\"box\" size=\"0.1 0.15 0.05\" density=\"800\"/>"] {
                let simulation = Simulation(model: try Self.model(geom, euler: euler))
                for _ in 0..<1500 { try simulation.step(controls: []) }
                heights.append(simulation.bodyPose(1).position.z)
                #expect(abs(simulation.lowestGeomHeight()) < 1e-3, "\(geom) rests on the floor (\(euler))")
                #expect(simulation.detectContacts() == 4, "\(geom) (\(euler))")
            }
            #expect(abs(heights[0] - heights[1]) < 1e-6, "\(heights) (\(euler))")
        }
    }

    @Test("a colliding mesh whose vertices enclose no volume is refused with the reason")
    func flat() {
        do {
            _ = try Model(mjcf: "<mujoco><asset><mesh name=\"flat\" vertex=\"0 0 0 1 0 0 0 1 0 1 1 0\" face=\"0 1 2 1 3 2\"/></asset>"
                          + "<worldbody><geom type=\"mesh\" mesh=\"flat\"/></worldbody></mujoco>")
            Issue.record("a flat mesh was accepted")
        } catch {
            #expect(error.description.contains("cannot build its convex hull: the vertices all lie in one plane"), "\(error.description)")
        }
    }
}
