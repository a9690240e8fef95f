import Foundation
import Testing
@testable import GaitPhysics

@Suite("Robot models in Assets")
struct RobotTests {
    @Test("each robot loads with the structure of TASKS.md", arguments: [
        ("walker", 6, 9, true), ("cheetah", 6, 9, true), ("hopper", 4, 7, true), ("quadruped", 8, 15, false),
    ])
    func loads(robot: String, actuators: Int, positions: Int, planar: Bool) throws {
        let model = try Fixtures.robot(robot)
        #expect(model.name == robot)
        #expect(model.actuators.count == actuators)
        #expect(model.positionCount == positions)
        #expect(model.isPlanar == planar)
        #expect(Simulation(model: model).isPlanar == planar)
    }

    @Test("published dimensions: walker gears and ranges, cheetah's 14 kg")
    func dimensions() throws {
        let walker = try Fixtures.robot("walker")
        #expect(walker.actuators.map(\.gear) == [100, 50, 20, 100, 50, 20])
        let knee = walker.joints[try #require(walker.joint(named: "right_knee"))]
        #expect(knee.range == (-150 * Double.pi / 180)...0)
        #expect(walker.timestep == 0.0025)
        let cheetah = try Fixtures.robot("cheetah")
        #expect(abs(cheetah.totalMass - 14) < 1e-3)
        #expect(cheetah.joints[try #require(cheetah.joint(named: "bthigh"))].stiffness == 240)
    }

    @Test("with no control each robot falls and comes to rest on the floor, which carries its weight",
          arguments: [("walker", 0.05, 0.6), ("cheetah", 0.3, 0.8), ("hopper", 0.03, 0.5), ("quadruped", 0.15, 0.65)])
    func restsOnFloor(robot: String, lowest: Double, highest: Double) throws {
        let model = try Fixtures.robot(robot)
        let simulation = Simulation(model: model)
        let start = simulation.bodyPosition(1).z
        try simulation.step(controls: [Double](repeating: 0, count: model.actuators.count),
                            substeps: Int((3 / model.timestep).rounded()))
        let torso = simulation.bodyPosition(1).z
        #expect(torso < start)
        #expect(torso > lowest && torso < highest, "torso at \(torso) m")
        for body in model.bodies.indices.dropFirst() {
            #expect(simulation.bodyPosition(body).z > 0.02, "\(model.bodies[body].name) sank into the floor")
        }
        let floor = try #require(model.geoms.firstIndex { $0.shape == .plane })
        let weight = model.totalMass * 9.81
        #expect(abs(simulation.contactNormalForce(onGeom: floor) - weight) / weight < 0.02)
        #expect(simulation.subtreeLinearVelocity(1).length < 0.01)
    }

    @Test("a planar robot stays exactly in its plane under random torques")
    func staysPlanar() throws {
        let model = try Fixtures.robot("walker")
        let simulation = Simulation(model: model)
        let reference = model.bodyPoses(positions: model.referencePositions)
        _ = try Fixtures.trajectory(simulation, steps: 400, substeps: 10)
        #expect(simulation.bodyPosition(1).y == 0)
        for body in model.bodies.indices.dropFirst() {
            #expect(abs(simulation.bodyPosition(body).y - reference[body].position.y) < 1e-6)
            let r = simulation.bodyOrientation(body)
            #expect(abs(r.yy - 1) < 1e-6, "\(model.bodies[body].name) turned out of the plane")
        }
    }

    @Test("the cheetah's back foot folds past half a turn, to dm_control's −230°, and reads its angle there")
    func footFoldsPastHalfATurn() throws {
        let cheetah = try Fixtures.robot("cheetah")
        let foot = try #require(cheetah.joint(named: "bfoot"))
        #expect(cheetah.joints[foot].range == (-230 * Double.pi / 180)...(50 * Double.pi / 180))
        let simulation = Simulation(model: cheetah)
        let at = cheetah.positionOffsets[foot]
        for degrees in [-229.0, -200, -181, -90, 0, 49] {
            var q = cheetah.referencePositions
            q[at] = degrees * Double.pi / 180
            try simulation.setPositions(q)
            #expect(abs(simulation.positions()[at] - q[at]) < 1e-9, "\(degrees)° read as \(simulation.positions()[at] * 180 / Double.pi)°")
        }
    }

    @Test("setting generalized positions and velocities and reading them back round-trips", arguments: ["walker", "hopper", "quadruped", "humanoid"])
    func positionsRoundTrip(robot: String) throws {
        let model = try Fixtures.robot(robot)
        let simulation = Simulation(model: model)
        var q = model.referencePositions
        let offsets = model.positionOffsets
        for (index, joint) in model.joints.enumerated() where joint.kind != .free {
            let range = joint.range ?? -1...1
            q[offsets[index]] = range.lowerBound + 0.3 * (range.upperBound - range.lowerBound)
        }
        if let free = model.joints.firstIndex(where: { $0.kind == .free }) {
            let turn = Quaternion(axis: Vector3(1, 2, 3), angle: 0.7)
            q.replaceSubrange(offsets[free] + 3..<offsets[free] + 7, with: [turn.w, turn.x, turn.y, turn.z])
        }
        try simulation.setPositions(q)
        let read = simulation.positions()
        for (expected, actual) in zip(q, read) {
            #expect(abs(expected - actual) < 1e-9)
        }
        let poses = model.bodyPoses(positions: q)
        for body in model.bodies.indices {
            #expect((simulation.bodyPosition(body) - poses[body].position).length < 1e-9)
        }
        #expect(simulation.velocities().allSatisfy { $0 == 0 })
        let v = (0..<model.velocityCount).map { 2 * sin(1.7 * Double($0) + 0.3) }
        try simulation.setState(positions: q, velocities: v)
        for (expected, actual) in zip(v, simulation.velocities()) {
            #expect(abs(expected - actual) < 1e-9, "velocities \(v) read back as \(simulation.velocities())")
        }
    }

    @Test("joint velocities agree with finite differences of joint positions")
    func velocitiesMatchPositions() throws {
        let model = try Fixtures.robot("cheetah")
        let simulation = Simulation(model: model)
        _ = try Fixtures.trajectory(simulation, steps: 50, substeps: 1)
        let before = simulation.positions()
        try simulation.step(controls: Fixtures.controls(count: 6, step: 50))
        let after = simulation.positions()
        // Semi-implicit Euler moves positions with the new velocity: q' = q + dt·v'.
        let velocity = simulation.velocities()
        for index in before.indices {
            let difference = (after[index] - before[index]) / model.timestep
            #expect(abs(difference - velocity[index]) < 0.02 * abs(velocity[index]) + 0.02,
                    "coordinate \(index): \(difference) vs \(velocity[index])")
        }
    }
}
