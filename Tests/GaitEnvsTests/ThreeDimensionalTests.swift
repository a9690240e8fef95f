import Foundation
import Testing
import GaitCore
import GaitPhysics
@testable import GaitEnvs

@Suite("3-D robots: humanoid and quadruped")
struct ThreeDimensionalTests {
    @Test("the humanoid has TASKS.md's structure: 21 hinges under a free root, the gears, 67 observations")
    func humanoidModel() throws {
        let model = BuiltinEnvironments.models["humanoid"]!
        #expect(model.timestep == 0.005)
        #expect(model.joints.first?.kind == .free && model.joints.dropFirst().allSatisfy { $0.kind == .hinge })
        #expect(model.joints.count == 22 && model.positionCount == 28 && model.velocityCount == 27)
        let gears = Dictionary(uniqueKeysWithValues: model.actuators.map { (model.joints[$0.transmission[0].joint].name, $0.gear) })
        let expected: [String: Double] = [
            "abdomen_z": 40, "abdomen_y": 40, "abdomen_x": 40, "right_hip_x": 40, "right_hip_z": 40, "right_hip_y": 120,
            "right_knee": 80, "right_ankle_y": 20, "right_ankle_x": 20, "right_shoulder1": 20, "right_shoulder2": 20,
            "right_elbow": 40, "left_hip_y": 120, "left_knee": 80, "left_elbow": 40,
        ]
        #expect(model.actuators.count == 21)
        for (joint, gear) in expected { #expect(gears[joint] == gear, "\(joint)") }
        let thigh = model.bodies[model.body(named: "right_thigh")!]
        #expect(thigh.joints.map { model.joints[$0].name } == ["right_hip_x", "right_hip_z", "right_hip_y"])
        #expect(abs(model.totalMass - 40.84) < 0.01, "\(model.totalMass) kg")
        #expect(try registry.spec("humanoid-stand").observationSize == 67)
    }

    @Test("the quadruped has Ant's dimensions: a sphere torso of radius 0.25, 8 hinges, gear 150")
    func quadrupedModel() throws {
        let model = BuiltinEnvironments.models["quadruped"]!
        #expect(model.geoms[model.geom(named: "torso")!].shape == .sphere(radius: 0.25))
        #expect(model.actuators.count == 8 && model.actuators.allSatisfy { $0.gear == 150 })
        #expect(model.joints.first?.kind == .free && model.joints.count == 9)
        #expect(try registry.spec("quadruped-walk").observationSize == 8 + 8 + 3 + 1 + 3 + 3 + 4)
    }

    @Test("the quadruped's torso_vertical tells which side it leans to; torso_upright cannot")
    func quadrupedVertical() throws {
        let (_, quadruped) = try physics("quadruped-walk")
        let simulation = quadruped.simulation, parts = quadruped.task.observationParts(of: simulation)
        let start = parts.prefix { $0.name != "torso_vertical" }.reduce(0) { $0 + $1.size }
        let upright = parts.prefix { $0.name != "torso_upright" }.reduce(0) { $0 + $1.size }
        func reading(rolledBy angle: Double) throws -> (vertical: [Float], upright: Float) {
            var positions = simulation.model.referencePositions
            let turn = Quaternion(axis: Vector3(1, 0, 0), angle: angle)
            (positions[3], positions[4], positions[5], positions[6]) = (turn.w, turn.x, turn.y, turn.z)
            try simulation.setPositions(positions)
            let observation = quadruped.task.observation(of: simulation)
            #expect(observation.allSatisfy { $0.isFinite })
            return (Array(observation[start..<start + 3]), observation[upright])
        }
        let left = try reading(rolledBy: .pi / 2), right = try reading(rolledBy: -.pi / 2)
        let level = try reading(rolledBy: 0)
        #expect(abs(left.upright) < 1e-6 && abs(right.upright) < 1e-6)
        #expect(abs(left.vertical[1] - 1) < 1e-6 && abs(right.vertical[1] + 1) < 1e-6, "\(left) \(right)")
        #expect(level.vertical == [0, 0, 1] && level.upright == 1)
    }

    @Test("with forward world, the quadruped's speed counts along the world's +x axis, which it observes; by default along its heading")
    func quadrupedWorldForward() throws {
        let model = BuiltinEnvironments.models["quadruped"]!
        let heading = try QuadrupedTask(model: model, speed: 0.5), world = try QuadrupedTask(model: model, speed: 0.5, forward: .world)
        let simulation = Simulation(model: model)
        // Facing +y (turned a quarter about the vertical), moving along +x at 1 m/s.
        var positions = model.referencePositions, velocities = [Double](repeating: 0, count: model.velocityCount)
        let turn = Quaternion(axis: Vector3(0, 0, 1), angle: .pi / 2)
        (positions[3], positions[4], positions[5], positions[6]) = (turn.w, turn.x, turn.y, turn.z)
        velocities[0] = 1
        try simulation.setState(positions: positions, velocities: velocities)
        var (worldInfo, headingInfo) = (Info(), Info())
        let actions = [Double](repeating: 0, count: model.actuators.count)
        _ = world.reward(world.read(simulation), of: simulation, actions: actions, info: &worldInfo)
        _ = heading.reward(heading.read(simulation), of: simulation, actions: actions, info: &headingInfo)
        #expect(abs(worldInfo["forward_speed"]! - 1) < 1e-9 && worldInfo["move"] == 1)
        #expect(abs(headingInfo["forward_speed"]!) < 1e-9 && headingInfo["move"]! < 0.6)
        let parts = world.observationParts(of: simulation)
        #expect(!heading.observationParts(of: simulation).contains { $0.name == "world_forward" })
        let start = parts.prefix { $0.name != "world_forward" }.reduce(0) { $0 + $1.size }
        let seen = world.observation(of: simulation)[start..<start + 3]
        #expect(zip(seen, [0, -1, 0] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 }, "world +x in the torso's frame: \(seen)")
    }

    @Test("a standing humanoid earns standing · upright ≈ 1, a lying one ≈ 0")
    func standingAndLying() throws {
        let (_, humanoid) = try physics("humanoid-getup")
        let simulation = humanoid.simulation
        var info = Info()
        simulation.reset()
        let controls = [Double](repeating: 0, count: 21)
        let standing = humanoid.task.reward(simulation, actions: controls, info: &info)
        #expect(standing > 0.99 && info["standing"]! * info["upright"]! > 0.99, "standing: \(info)")
        var lying = simulation.model.referencePositions
        let turn = Quaternion(axis: Vector3(0, 1, 0), angle: .pi / 2)
        (lying[3], lying[4], lying[5], lying[6]) = (turn.w, turn.x, turn.y, turn.z)
        try simulation.setPositions(lying)
        #expect(try simulation.placeAboveFloor())
        _ = humanoid.task.reward(simulation, actions: controls, info: &info)
        #expect(info["standing"]! * info["upright"]! < 0.01, "lying: \(info)")
    }

    @Test("humanoid-getup starts lying on the back or the front, near the floor, with any heading")
    func getupStartsLying() throws {
        let (environment, humanoid) = try physics("humanoid-getup")
        let simulation = humanoid.simulation
        let torso = simulation.model.body(named: "torso")!, head = simulation.model.body(named: "head")!
        var faces: Set<Bool> = []
        _ = try environment.reset(seed: 5)
        for _ in 0..<20 {
            _ = try environment.reset(seed: nil)
            let frame = simulation.bodyOrientation(torso)
            #expect(abs(frame.zz) < 0.35, "the torso lies: its z axis is nearly horizontal (zz = \(frame.zz))")
            #expect(simulation.bodyPosition(head).z < 0.5)
            #expect(abs(simulation.lowestGeomHeight()) < 0.01)
            faces.insert(frame.zx > 0)
        }
        #expect(faces.count == 2, "both on the back and on the front")
    }

    @Test("stand, walk and run start touching nothing; the quadruped starts just above the floor",
          arguments: ["humanoid-stand", "humanoid-walk", "humanoid-run", "quadruped-walk", "quadruped-run"])
    func startsTouchNothing(id: String) throws {
        let (environment, robot) = try physics(id)
        _ = try environment.reset(seed: 11)
        for _ in 0..<10 {
            _ = try environment.reset(seed: nil)
            #expect(robot.simulation.detectContacts() == 0)
            if id.hasPrefix("quadruped") { #expect(robot.simulation.lowestGeomHeight() < 0.05) }
        }
    }

    @Test("every reward term is in info", arguments: [
        ("humanoid-stand", ["standing", "upright", "small_control", "dont_move"]),
        ("humanoid-run", ["standing", "upright", "small_control", "move"]),
        ("humanoid-getup", ["standing", "upright", "small_control"]),
        ("quadruped-walk", ["upright", "forward_speed", "move"]),
    ])
    func rewardTerms(id: String, terms: [String]) throws {
        let environment = try registry.make(id, seed: 2)
        _ = try environment.reset(seed: 2)
        let step = try environment.step([Float](repeating: 0.1, count: environment.actionSpace.size))
        for term in terms { #expect(step.info[term] != nil, "\(id): \(term)") }
    }

    @Test("a humanoid episode replays bit for bit from a mid-episode snapshot, through contacts")
    func humanoidSnapshot() throws {
        let (environment, humanoid) = try physics("humanoid-stand")
        _ = try environment.reset(seed: 3)
        let actions = (0..<200).map { step in (0..<21).map { Float(sin(Double(step * 21 + $0))) } }
        for action in actions.prefix(100) { _ = try environment.step(action) }
        #expect(humanoid.simulation.contactCount > 0, "it has fallen onto the floor")
        let snapshot = environment.snapshot()
        let rest = try actions.suffix(100).map { try environment.step($0).observation }
        try environment.restore(snapshot)
        #expect(try actions.suffix(100).map { try environment.step($0).observation } == rest)
    }

    @Test("a reset that finds no valid start throws noValidStart instead of stopping the process")
    func noValidStart() throws {
        // Two legs whose feet always overlap: no height is free of contact.
        let model = try Model(mjcf: """
            <mujoco model="tangled">
              <worldbody>
                <geom name="floor" type="plane" size="5 5 1"/>
                <body name="torso" pos="0 0 1"><freejoint/><geom type="sphere" size="0.2"/>
                  <body name="a"><joint name="a" axis="0 0 1" range="-1 1"/><geom name="front_left_foot" type="sphere" pos="0.5 0 0" size="0.1"/></body>
                  <body name="b"><joint name="b" axis="0 0 1" range="-1 1"/><geom name="front_right_foot" type="sphere" pos="0.5 0 0" size="0.1"/></body>
                </body>
              </worldbody>
              <actuator><motor joint="a"/><motor joint="b"/></actuator>
            </mujoco>
            """)
        let task = try QuadrupedTask(model: model, speed: 1, feet: ["front_left_foot", "front_right_foot"])
        let environment = PhysicsEnvironment(model: model, task: task, seed: 1)
        #expect {
            _ = try environment.reset(seed: 1)
        } throws: { error in
            guard case EnvironmentError.noValidStart(let why) = error else { return false }
            return why.contains("none of \(PhysicsEnvironment.maximumStartDraws) random starts")
        }
    }

    @Test("a free object beside the robot: the family accepts it, resets place the robot alone and leave the object where it lies")
    func freeObjectBesideTheRobot() throws {
        let model = try Model(mjcf: """
            <mujoco><option timestep="0.005"/><worldbody><geom name="floor" type="plane" size="5 5 1"/>
              <body name="torso" pos="0 0 1"><freejoint/><geom type="sphere" size="0.2"/>
                <body name="a" pos="0.25 0 0"><joint name="a" axis="0 1 0" range="-0.3 0.3"/><geom name="front_left_foot" type="capsule" fromto="0 0 0 0.3 0 -0.3" size="0.05"/></body>
                <body name="b" pos="-0.25 0 0"><joint name="b" axis="0 1 0" range="-0.3 0.3"/><geom name="front_right_foot" type="capsule" fromto="0 0 0 -0.3 0 -0.3" size="0.05"/></body>
              </body>
              <body name="crate" pos="2 0 0.1"><freejoint/><geom type="box" size="0.1 0.1 0.1"/></body>
            </worldbody><actuator><motor joint="a"/><motor joint="b"/></actuator></mujoco>
            """)
        let task = try QuadrupedTask(model: model, speed: 1, feet: ["front_left_foot", "front_right_foot"])
        let environment = PhysicsEnvironment(model: model, task: task, seed: 1)
        _ = try environment.reset(seed: 1)
        let crate = model.body(named: "crate")!
        #expect(environment.simulation.detectContacts() > 0, "the crate rests on the floor")
        #expect(environment.simulation.detectContacts(touching: model.robotBodies) == 0, "the robot touches nothing")
        #expect(abs(environment.simulation.lowestGeomHeight(of: model.robotBodies) - 0.001) < 1e-9)
        #expect(abs(environment.simulation.bodyPose(crate).position.z - 0.1) < 1e-12)
        let prop = try Model(mjcf: "<mujoco><worldbody><body name=\"crate\"><freejoint/><geom size=\"0.1\"/></body>"
                             + "<body name=\"torso\"><freejoint/><geom size=\"0.2\"/></body></worldbody></mujoco>")
        #expect(throws: TaskError.self, "the free root must carry the torso") { try QuadrupedTask(model: prop, speed: 1, feet: []) }
    }

    @Test("snapshots are named parts; a damaged one is refused before the physics sees it")
    func namedSnapshots() throws {
        let environment = try registry.make("humanoid-stand", seed: 4)
        _ = try environment.reset(seed: 4)
        let snapshot = environment.snapshot()
        #expect(snapshot.parts.map(\.name) == ["simulation.time", "simulation.bodies", "random", "time_limit.elapsed_steps",
                                                "order_enforcing.phase"])
        #expect(throws: EnvironmentError.self) { try environment.restore(snapshot.removing("random")) }
        var bodies = try snapshot.values("simulation.bodies")
        (bodies[3], bodies[4], bodies[5], bodies[6]) = (0, 0, 0, 0)
        let zeroQuaternion = snapshot.removing("simulation.bodies").removing("random").removing("time_limit.elapsed_steps")
            .adding("simulation.bodies", bodies).adding("random", try snapshot.values("random"))
            .adding("time_limit.elapsed_steps", [0])
        #expect {
            try environment.restore(zeroQuaternion)
        } throws: { error in
            "\(error)".contains("orientation quaternion has norm 0.0") && !"\(error)".contains("cannot be restored")
        }
        #expect(throws: EnvironmentError.self) {
            try environment.restore(snapshot.removing("time_limit.elapsed_steps").adding("time_limit.elapsed_steps", [.nan]))
        }
        try environment.restore(snapshot)
        #expect(environment.snapshot() == snapshot)
    }

    @Test("an LQR snapshot with a state no episode reaches is refused, so the reward cannot overflow",
          arguments: [1e300, -1e5, .infinity])
    func unreachableLQRState(value: Double) throws {
        let environment = try registry.make("lqr", seed: 1)
        _ = try environment.reset(seed: 1)
        let snapshot = environment.snapshot()
        let unreachable = snapshot.removing("lqr.state").adding("lqr.state", [value, 0])
        #expect { try environment.restore(unreachable) } throws: { "\($0)".contains("is not one an episode reaches") }
        #expect(environment.snapshot() == snapshot)
    }
}
