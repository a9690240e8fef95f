import Foundation
import GaitAssets
import GaitCore
import GaitEnvs
import GaitPhysics
import Testing

/// Environment files build on the same task families as the built-in robots.
@Suite struct DefinitionTests {
    func trajectory(_ spec: EnvironmentSpec, steps: Int = 300) throws -> [Double] {
        let environment = try spec.make()
        var observation = try environment.reset(seed: 11).observation.map(Double.init)
        var random = RandomSource(seed: 5)
        for _ in 0..<steps {
            let result = try environment.step((0..<spec.actionSize).map { _ in Float(random.uniform(-1...1)) })
            observation += result.observation.map(Double.init) + [result.reward]
            if result.isDone { break }
        }
        return observation
    }

    @Test(arguments: [("walker-stand", "walker", "stand", nil), ("walker-run", "walker", "walk", 8.0),
                      ("cheetah-run", "cheetah", "run", nil), ("hopper-stand", "hopper", "hop", 0.0), ("hopper-hop", "hopper", "hop", nil),
                      ("humanoid-stand", "humanoid", "humanoid", nil), ("humanoid-run", "humanoid", "humanoid", 10.0),
                      ("humanoid-getup", "humanoid", "getup", nil), ("quadruped-run", "quadruped", "quadruped", 5.0)]
          as [(String, String, String, Double?)])
    func aDefinitionOfABuiltinTaskIsTheBuiltinTask(id: String, robot: String, family: String, speed: Double?) throws {
        var fields: [String: Any] = ["id": "copy", "model": robot, "task": family]
        if let speed { fields["target_speed"] = speed }
        let definition = try EnvironmentDefinition(fields: fields, source: "copy.yaml", directory: URL(fileURLWithPath: "/"))
        let builtin = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self]).spec(id)
        #expect(try trajectory(definition.spec()) == trajectory(builtin))
    }

    @Test("a built-in robot takes only its own environments' families, whose names are dm_control's tasks, not its environments")
    func aBuiltinRobotRefusesAnotherRobotsFamily() throws {
        #expect(Set(EnvironmentDefinition.builtinRobotFamilies.keys) == Set(RobotAssets.models.keys))
        for (robot, families) in EnvironmentDefinition.builtinRobotFamilies {
            for family in EnvironmentDefinition.Family.allCases where !families.contains(family) {
                #expect {
                    try EnvironmentDefinition(fields: ["id": "a", "model": robot, "task": family.rawValue], source: "a.yaml",
                                              directory: URL(fileURLWithPath: "/"))
                } throws: { "\($0)".contains("field 'task'") && "\($0)".contains("built-in \(robot)'s environments use the task family") }
            }
        }
    }

    @Test func forwardIsAQuadrupedParameterOfTwoValues() throws {
        func definition(_ extra: [String: Any], task: String = "quadruped", model: String = "quadruped") throws -> EnvironmentDefinition {
            try EnvironmentDefinition(fields: ["id": "q", "model": model, "task": task].merging(extra) { $1 },
                                      source: "q.yaml", directory: URL(fileURLWithPath: "/"))
        }
        let world = try definition(["forward": "world"]).spec(), heading = try definition([:]).spec()
        #expect(world.observationSize == heading.observationSize + 3)
        #expect(throws: DefinitionError.invalidField(file: "q.yaml", field: "forward", reason: "'north' is not a direction; use torso (the torso's heading) or world (the world's +x axis)")) {
            try definition(["forward": "north"])
        }
        #expect(throws: DefinitionError.invalidField(file: "q.yaml", field: "forward", reason: "the humanoid task has no such parameter")) {
            try definition(["forward": "world"], task: "humanoid", model: "humanoid")
        }
    }

    @Test("an episode may take at most a million physics steps, counted across episode_steps, action_repeat and substeps")
    func episodesHaveABoundedLength() throws {
        func definition(_ extra: [String: Any]) throws -> EnvironmentDefinition {
            try EnvironmentDefinition(fields: ["id": "w", "model": "cheetah", "task": "run"].merging(extra) { $1 },
                                      source: "w.yaml", directory: URL(fileURLWithPath: "/"))
        }
        _ = try definition(["episode_steps": 100_000, "substeps": 10])
        _ = try definition(["episode_steps": 1_000_000])  // run: 1 substep by default
        for extra: [String: Any] in [["episode_steps": 1_000_000, "substeps": 1_000, "action_repeat": 100], ["episode_steps": 1_000_000, "substeps": 2]] {
            #expect { try definition(extra) } throws: { "\($0)".contains("episode_steps") && "\($0)".contains("at most 1000000") }
        }
    }

    @Test("tags hold no commas and texts are single lines, so that 'gait envs' shows one row per environment")
    func tagsAndSummaryAreOneLine() throws {
        let base: [String: Any] = ["id": "a", "model": "walker", "task": "stand"]
        let refused: [(String, Any, String)] = [("tags", ["a,b"], "not a tag"), ("tags", [" x"], "not a tag"), ("tags", [""], "empty"),
                                                ("tags", ["x\ny"], "U+A"), ("summary", "red \u{1b}[31m", "U+1B"), ("torso", "a\tb", "U+9"),
                                                ("tags", ["x", "x"], "'x' is listed twice")]
        for (field, value, phrase) in refused {
            #expect {
                try EnvironmentDefinition(fields: base.merging([field: value]) { $1 }, source: "a.yaml", directory: URL(fileURLWithPath: "/"))
            } throws: { error in
                "\(error)".contains(field) && "\(error)".contains(phrase)
            }
        }
        let tagged = try EnvironmentDefinition(fields: base.merging(["tags": ["v2.1", "my_robot", "sim-real", "dm control"],
                                                                       "summary": "a block scalar's text ends in a line break\n"]) { $1 },
                                               source: "a.yaml", directory: URL(fileURLWithPath: "/"))
        #expect(tagged.tags == ["v2.1", "my_robot", "sim-real", "dm control"] && tagged.summary == "a block scalar's text ends in a line break")
    }

    @Test func controlCostIsChargedOnTopOfTheTaskReward() throws {
        let base: [String: Any] = ["id": "a", "model": "walker", "task": "stand"]
        let charged = base.merging(["control_cost": 0.5]) { $1 }
        let plain = try EnvironmentDefinition(fields: base, source: "a.yaml", directory: URL(fileURLWithPath: "/")).spec().make()
        let costly = try EnvironmentDefinition(fields: charged, source: "a.yaml", directory: URL(fileURLWithPath: "/")).spec().make()
        _ = try plain.reset(seed: 1)
        _ = try costly.reset(seed: 1)
        let action: [Float] = [0.5, -1, 0, 0.2, 0, 1]
        let (r1, r2) = (try plain.step(action), try costly.step(action))
        let expected = 0.5 * action.reduce(0) { $0 + Double($1) * Double($1) }
        #expect(abs((r1.reward - r2.reward) - expected) < 1e-12)
        #expect(r2.info["control_cost"] == expected)
    }

    /// A folder holding `stick.xml`, a planar stick with a hip, two sensors and a keyframe.
    func stickFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stick-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("""
            <mujoco><worldbody><geom type="plane" size="5 5 1"/>
            <body name="torso" pos="0 0 0.5"><joint name="x" type="slide" axis="1 0 0"/><joint name="z" type="slide" axis="0 0 1"/>
            <joint name="y" type="hinge" axis="0 1 0"/><geom type="capsule" fromto="0 0 -0.3 0 0 0.3" size="0.05"/>
            <site name="base" pos="0 0 -0.35"/>
            <body name="leg" pos="0 0 -0.3"><joint name="hip" axis="0 1 0" range="-60 60"/><geom type="capsule" fromto="0 0 0 0 0 -0.3" size="0.04"/></body>
            </body></worldbody><actuator><motor joint="hip" gear="20"/></actuator>
            <sensor><jointpos name="hip_angle" joint="hip"/><framepos name="base_position" objtype="site" objname="base"/></sensor>
            <keyframe><key name="leaning" qpos="0.3 0.2 0.4 -0.5" qvel="1 0 0 2" ctrl="0.25"/></keyframe></mujoco>
            """.utf8).write(to: folder.appendingPathComponent("stick.xml"))
        return folder
    }

    /// A run task that ends once the torso rises above 0.6 m.
    struct RisingEnds: PhysicsTask {
        let run: RunTask
        var substeps: Int { run.substeps }
        func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) { try run.reset(simulation, random: &random) }
        func read(_ simulation: Simulation) -> Double { simulation.bodyPose(1).position.z }
        func observe(_ height: Double, of simulation: Simulation, into writer: inout ObservationWriter) { writer.append("height", height) }
        func reward(_ height: Double, of simulation: Simulation, actions: [Double], info: inout Info) -> Double { height }
        func isTerminal(_ simulation: Simulation) -> Bool { read(simulation) > 0.6 }
    }

    @Test func wrappedTasksKeepWhatTheyDoNotChange() throws {
        let folder = try stickFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Model(contentsOf: folder.appendingPathComponent("stick.xml"))
        let base = RisingEnds(run: try RunTask(model: model))
        let raised = try #require(model.keyframes.first)
        let wrapped: [any PhysicsTask] = [ControlCostTask(base, weight: 0.5), try SensorTask(base, model: model, sensors: []),
                                          KeyframeStartTask(base, keyframe: raised, noise: 0)]
        for task in wrapped {
            let simulation = Simulation(model: model)
            #expect(task.substeps == base.substeps)
            #expect(task.observation(of: simulation) == base.observation(of: simulation))
            #expect(!task.isTerminal(simulation) && !base.isTerminal(simulation))
            try simulation.setPositions(raised.positions)
            #expect(task.isTerminal(simulation) && base.isTerminal(simulation), "\(type(of: task)) ends where its base ends")
        }
    }

    @Test func aKeyframeStartsEveryEpisodeShakenByTheResetNoise() throws {
        let folder = try stickFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields: [String: Any] = ["id": "stick", "model": "stick.xml", "task": "run", "keyframe": "leaning"]
        func start(_ extra: [String: Any], seed: UInt64) throws -> [Double] {
            let spec = try EnvironmentDefinition(fields: fields.merging(extra) { $1 }, source: "stick.yaml", directory: folder).spec()
            let environment = try #require(try spec.factory(nil, [:]) as? PhysicsEnvironment)
            _ = try environment.reset(seed: seed)
            let simulation = environment.simulation
            return simulation.positions() + simulation.velocities()
        }
        let exact = try start(["reset_noise_scale": 0], seed: 1)
        #expect(zip(exact, [0.3, 0.2, 0.4, -0.5, 1, 0, 0, 2]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(exact)")
        let shaken = try start([:], seed: 1)
        #expect(shaken != exact && zip(shaken.prefix(4), exact).allSatisfy { abs($0 - $1) <= 0.1 + 1e-9 })
        #expect(try start([:], seed: 1) == shaken && start([:], seed: 2) != shaken)
        for (wrong, field) in [(["keyframe": "standing"], "keyframe"), (["keyframe": nil, "reset_noise_scale": 0.1], "reset_noise_scale"),
                               (["keyframe": nil, "action_scale": 0.3], "action_scale")] as [([String: Any?], String)] {
            var broken = fields
            for (key, value) in wrong { broken[key] = value }
            #expect {
                try EnvironmentDefinition(fields: broken, source: "stick.yaml", directory: folder).spec()
            } throws: { "\($0)".contains("'\(field)'") && ("\($0)".contains("leaning") || field != "keyframe") }
        }
    }

    @Test func anActionScaleMakesActionsOffsetsFromTheKeyframesControls() throws {
        let folder = try stickFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields: [String: Any] = ["id": "stick", "model": "stick.xml", "task": "run", "keyframe": "leaning"]
        let offset = try EnvironmentDefinition(fields: fields.merging(["action_scale": 0.5]) { $1 }, source: "stick.yaml", directory: folder).spec().make()
        let spanning = try EnvironmentDefinition(fields: fields, source: "stick.yaml", directory: folder).spec().make()
        #expect(offset.settings["actions"] == "keyframe 'leaning' controls ± 0.5" && spanning.settings["actions"] == "spanning each ctrlrange")
        _ = try offset.reset(seed: 4)
        _ = try spanning.reset(seed: 4)
        // The hip's motor has no control range: spanning it passes the action on as the control.
        for (action, control) in [(Float(1), Float(0.75)), (0, 0.25), (-0.5, 0)] {
            #expect(try offset.step([action]).observation == spanning.step([control]).observation, "action \(action) is control \(control)")
        }
        // A control cost charges the action, not the keyframe's control it moves from.
        let charged = try EnvironmentDefinition(fields: fields.merging(["action_scale": 0.5, "control_cost": 2]) { $1 }, source: "stick.yaml",
                                                directory: folder).spec().make()
        _ = try charged.reset(seed: 4)
        #expect(try charged.step([0]).info["control_cost"] == 0 && charged.step([0.5]).info["control_cost"] == 0.5)
    }

    @Test func anActionScaleAroundAKeyframeControlOutsideItsRangeIsRefused() throws {
        let folder = try stickFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("stick.xml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: #"gear="20""#, with: #"gear="20" ctrlrange="-1 1""#)
        try text.replacingOccurrences(of: #"ctrl="0.25""#, with: #"ctrl="5""#).write(to: file, atomically: true, encoding: .utf8)
        let fields: [String: Any] = ["id": "stick", "model": "stick.xml", "task": "run", "keyframe": "leaning"]
        #expect {
            try EnvironmentDefinition(fields: fields.merging(["action_scale": 0.5]) { $1 }, source: "stick.yaml", directory: folder).spec().make()
        } throws: { "\($0)".contains("the control 5.0, outside its ctrlrange -1.0...1.0") }
        // Actions spanning the range do not move from the keyframe's controls.
        _ = try EnvironmentDefinition(fields: fields, source: "stick.yaml", directory: folder).spec().make()
    }

    @Test func anActionRepeatHoldsEachActionAndSumsTheRewardsOfAsLongAnEpisode() throws {
        let fields: [String: Any] = ["id": "w", "model": "walker", "task": "stand"]
        let plainSpec = try EnvironmentDefinition(fields: fields, source: "w.yaml", directory: URL(fileURLWithPath: "/")).spec()
        let repeatedSpec = try EnvironmentDefinition(fields: fields.merging(["action_repeat": 3]) { $1 }, source: "w.yaml",
                                                     directory: URL(fileURLWithPath: "/")).spec()
        #expect(plainSpec.maxEpisodeSteps == 1000 && repeatedSpec.maxEpisodeSteps == 334, "1000 control steps, rounded up")
        let plain = try plainSpec.make(), repeated = try repeatedSpec.make()
        #expect(repeated.settings["action_repeat"] == "3" && plain.settings["action_repeat"] == nil)
        #expect(EnvironmentSettings.controlTimeStep(repeated.settings) == 3 * EnvironmentSettings.controlTimeStep(plain.settings),
                "recordings and replays play an agent's step as 3 control steps")
        #expect(try plain.reset(seed: 8).observation == repeated.reset(seed: 8).observation)
        var random = RandomSource(seed: 2)
        for _ in 0..<20 {
            let action = (0..<6).map { _ in Float(random.uniform(-1...1)) }
            let steps = try (0..<3).map { _ in try plain.step(action) }
            let held = try repeated.step(action)
            #expect(held.observation == steps[2].observation && held.info == steps[2].info)
            #expect(held.reward == steps[0].reward + steps[1].reward + steps[2].reward && !held.isDone)
        }
        #expect {
            try EnvironmentDefinition(fields: fields.merging(["action_repeat": 0]) { $1 }, source: "w.yaml", directory: URL(fileURLWithPath: "/"))
        } throws: { "\($0)".contains("'action_repeat'") }
    }

    /// A run task that ends once `end` seconds have passed.
    struct EndsInTime: PhysicsTask {
        let run: RunTask
        let end: Double
        var substeps: Int { run.substeps }
        func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) { try run.reset(simulation, random: &random) }
        func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
            run.observe(readings, of: simulation, into: &writer)
        }
        func reward(_ readings: Void, of simulation: Simulation, actions: [Double], info: inout Info) -> Double { simulation.time }
        func isTerminal(_ simulation: Simulation) -> Bool { simulation.time >= end }
    }

    @Test func anActionRepeatStopsAtATerminalState() throws {
        let folder = try stickFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Model(contentsOf: folder.appendingPathComponent("stick.xml"))
        let run = try RunTask(model: model, substeps: 2)
        // The run family's reset lets the robot settle first: the episode's clock starts after that.
        let probe = PhysicsEnvironment(model: model, task: run, seed: 1)
        _ = try probe.reset(seed: nil)
        let task = EndsInTime(run: run, end: probe.simulation.time + 11 * 2 * model.timestep - 1e-9)
        let plain = PhysicsEnvironment(model: model, task: task, seed: 1), repeated = PhysicsEnvironment(model: model, task: task, actionRepeat: 4, seed: 1)
        _ = try plain.reset(seed: nil)
        _ = try repeated.reset(seed: nil)
        let steps = try (0..<11).map { _ in try plain.step([0.3]) }
        #expect(steps.map(\.terminated) == Array(repeating: false, count: 10) + [true])
        let held = try (0..<3).map { _ in try repeated.step([0.3]) }
        #expect(held.map(\.terminated) == [false, false, true], "the third step holds the action for 3 control steps, not 4")
        #expect(held[2].observation == steps[10].observation && held[2].reward == steps[8].reward + steps[9].reward + steps[10].reward)
    }

    @Test func observedSensorsFollowTheFamilysObservation() throws {
        let folder = try stickFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields: [String: Any] = ["id": "stick", "model": "stick.xml", "task": "run", "observe": ["hip_angle", "base_position"]]
        let spec = try EnvironmentDefinition(fields: fields, source: "stick.yaml", directory: folder).spec()
        let plain = try EnvironmentDefinition(fields: fields.filter { $0.key != "observe" }, source: "stick.yaml", directory: folder).spec()
        #expect(spec.observationSize == plain.observationSize + 4)
        #expect(spec.observationParts.suffix(2).map(\.name) == ["hip_angle", "base_position"])
        let environment = try spec.make(), reference = try plain.make()
        _ = try environment.reset(seed: 3)
        _ = try reference.reset(seed: 3)
        let observed = try environment.step([0.5]).observation, own = try reference.step([0.5]).observation
        #expect(Array(observed.prefix(plain.observationSize)) == own)
        #expect(observed[plain.observationSize] == own[2], "the run family's positions end with the hip angle too")
        #expect(observed[plain.observationSize + 2] == 0, "the planar stick's site stays in the x-z plane")
        #expect(observed[plain.observationSize + 3] > 0 && observed[plain.observationSize + 3] < 0.5)
        let floorless = folder.appendingPathComponent("floating.xml")
        try String(contentsOf: folder.appendingPathComponent("stick.xml"), encoding: .utf8)
            .replacingOccurrences(of: "<geom type=\"plane\" size=\"5 5 1\"/>", with: "").write(to: floorless, atomically: true, encoding: .utf8)
        #expect {
            try EnvironmentDefinition(fields: ["id": "floating", "model": "floating.xml", "task": "run"], source: "floating.yaml", directory: folder).spec()
        } throws: { "\($0)".contains("field 'model'") && "\($0)".contains("no floor") && "\($0)".contains("scene.xml") }
        let wrong = fields.merging(["observe": ["knee_angle"]]) { $1 }
        #expect(throws: DefinitionError.self) {
            try EnvironmentDefinition(fields: wrong, source: "stick.yaml", directory: folder).spec()
        }
    }
}
