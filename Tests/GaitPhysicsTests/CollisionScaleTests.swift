import Foundation
import Testing
@testable import GaitPhysics

/// Collision stays complete and cheap as models grow: every overlapping pair is found whether the
/// space tests every pair (small models) or bins geoms (large ones), however many pairs overlap,
/// and excluded body pairs are skipped; a model of thousands of geoms loads and steps.
@Suite("Collision at scale")
struct CollisionScaleTests {
    /// `count` free spheres at one place in the air (each overlaps every other), the first two
    /// bodies' contact excluded when `excluding`.
    func pile(_ count: Int, excluding: Bool = false) throws -> Model {
        let bodies = (0..<count).map { #"<body name="b\#($0)" pos="0 0 1"><freejoint/><geom type="sphere" size="0.1"/></body>"# }
        let exclusion = excluding ? #"<contact><exclude body1="b0" body2="b1"/></contact>"# : ""
        return try Model(mjcf: "<mujoco><worldbody>\(bodies.joined())</worldbody>\(exclusion)</mujoco>")
    }

    @Test("every overlapping pair is found, in a simple space and in a hash space, beyond the first pair buffer",
          arguments: [10, Space.simpleLimit, Space.simpleLimit + 1, 150])
    func everyPairFound(count: Int) throws {
        #expect(Simulation(model: try pile(count)).detectContacts() == count * (count - 1) / 2)
        #expect(Simulation(model: try pile(count, excluding: true)).detectContacts() == count * (count - 1) / 2 - 1)
    }

    @Test("a model of 3,000 geoms loads and steps through its first contacts")
    func thousandsOfGeoms() throws {
        let bodies = (0..<100).map { body in
            "<body pos=\"\(body % 10) \(body / 10) 0.2\"><freejoint/>"
                + (0..<30).map { #"<geom type="sphere" size="0.02" pos="\#(0.03 * Double($0)) 0 0"/>"# }.joined() + "</body>"
        }
        let model = try Model(mjcf: #"<mujoco><worldbody><geom type="plane" size="20 20 0.1"/>"# + bodies.joined() + "</worldbody></mujoco>")
        #expect(model.geoms.count == 3_001)
        let simulation = Simulation(model: model)
        try simulation.step(controls: [], substeps: 150)
        #expect(simulation.contactCount > 0)
    }
}
