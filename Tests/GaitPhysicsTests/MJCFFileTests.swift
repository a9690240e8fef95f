import Foundation
import Testing
@testable import GaitPhysics

/// Includes, and the constructs Gait refuses or approximates, each with its one-line error or notice.
@Suite("MJCF files: includes, refusals and notices")
struct MJCFFileTests {
    /// Writes `files` (name → text) into a new folder and loads the first, `main.xml` unless named.
    private func load(_ files: [String: String], main: String = "main.xml") throws(ModelError) -> Model {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mjcf-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Model(contentsOf: folder.appendingPathComponent(main))
    }

    private func error(_ files: [String: String], main: String = "main.xml") -> ModelError? {
        do {
            _ = try load(files, main: main)
            return nil
        } catch {
            return error
        }
    }

    private static let body = "<worldbody><body name=\"b\"><joint/><geom size=\"0.1\"/></body></worldbody>"

    @Test("an include is read relative to the including file, its children in its place")
    func include() throws {
        let model = try load([
            "main.xml": "<mujoco>\n<include file=\"parts/world.xml\"/>\n</mujoco>",
            "parts/world.xml": "<mujoco><include file=\"options.xml\"/>\(Self.body)</mujoco>",
            "parts/options.xml": "<mujoco><option timestep=\"0.004\"/></mujoco>",
        ])
        #expect(model.timestep == 0.004 && model.body(named: "b") != nil)
        #expect(model.referencedFiles.map(\.lastPathComponent) == ["world.xml", "options.xml"])
    }

    @Test("includes that are missing, leave the folder, loop or nest too deep are refused with their line")
    func badIncludes() {
        let missing = error(["main.xml": "<mujoco>\n\n<include file=\"nowhere.xml\"/>\n</mujoco>"])
        #expect(missing?.line == 3 && missing?.description.contains("cannot include 'nowhere.xml'") == true)
        let outside = error(["inner/main.xml": "<mujoco><include file=\"../secret.xml\"/></mujoco>", "secret.xml": "<mujoco/>"],
                            main: "inner/main.xml")
        #expect(outside?.description.contains("outside the model's folder") == true)
        let cycle = error(["main.xml": "<mujoco><include file=\"a.xml\"/></mujoco>",
                           "a.xml": "<mujoco>\n<include file=\"main.xml\"/></mujoco>"])
        #expect(cycle?.source == "a.xml" && cycle?.line == 2 && cycle?.description.contains("includes itself") == true)
        var chain = ["main.xml": "<mujoco><include file=\"0.xml\"/></mujoco>"]
        for depth in 0..<12 { chain["\(depth).xml"] = "<mujoco><include file=\"\(depth + 1).xml\"/></mujoco>" }
        chain["12.xml"] = "<mujoco/>"
        #expect(error(chain)?.description.contains("nest more than 8 deep") == true)
        let notMujoco = error(["main.xml": "<mujoco><include file=\"a.xml\"/></mujoco>", "a.xml": "<robot/>"])
        #expect(notMujoco?.description.contains("top element must be <mujoco>") == true)
        let fromText = Result { () throws(ModelError) in try Model(mjcf: "<mujoco><include file=\"a.xml\"/></mujoco>") }
        #expect(throws: ModelError.self) { try fromText.get() }
    }

    @Test("each refused construct is one error naming the file, line and why", arguments: [
        ("<contact><pair geom1=\"g\" geom2=\"g\"/></contact>", "the name of a geom of the model"),
        ("<worldbody><geom name=\"f\" type=\"plane\" size=\"1 1 1\"/></worldbody><contact><pair geom1=\"f\" geom2=\"f\" condim=\"2\"/></contact>",
         "1, 3, 4 or 6"),
        ("<worldbody><geom name=\"f\" type=\"plane\" size=\"1 1 1\"/></worldbody><contact><pair geom1=\"f\" geom2=\"f\" friction=\"1 -1\"/></contact>",
         "non-negative coefficients"),
        ("<worldbody><geom name=\"f\" type=\"plane\" size=\"1 1 1\"/></worldbody><contact><pair geom1=\"f\" geom2=\"f\"/><pair geom2=\"f\" geom1=\"f\"/></contact>",
         "paired twice"),
        ("<default><pair geom1=\"f\"/></default>", "geom1"),
        ("<contact><exclude body1=\"b\" body2=\"nobody\"/></contact>", "the name of a body"),
        ("<equality><joint joint1=\"nope\"/></equality>", "the name of a joint"),
        ("<equality><flex flex=\"f\"/></equality>", "flex"),
        ("<asset><hfield name=\"h\" file=\"missing.png\" size=\"1 1 1 1\"/></asset>", "cannot read 'missing.png'"),
        ("<compiler exactmeshinertia=\"true\"/>", "inertia=\"exact\" instead"),
        ("<default><mesh refpos=\"0 0 1\"/></default>", "refpos"),
        ("<asset><hfield name=\"h\" file=\"../up.bin\" size=\"1 1 1 1\"/></asset>", "lies outside the model's folder"),
        ("<asset><hfield name=\"h\" file=\"missing.bin\" size=\"1 1 1 1\"/></asset>", "cannot read 'missing.bin'"),
        ("<asset><hfield name=\"h\" nrow=\"1\" ncol=\"3\" size=\"1 1 1 1\"/></asset>", "at least 2"),
        ("<asset><hfield name=\"h\" nrow=\"2\" ncol=\"2\" size=\"1 1 1 1\" elevation=\"1 2 3\"/></asset>", "elevation"),
        ("<asset><hfield name=\"h\" nrow=\"2000\" ncol=\"2000\" size=\"1 1 1 1\"/></asset>", "at most 1000000"),
        ("<asset><hfield name=\"h\" nrow=\"2\" ncol=\"2\" size=\"1 1 0 1\"/></asset>", "radius_x"),
        ("<asset><hfield name=\"h\" nrow=\"2\" ncol=\"2\" size=\"1 1 1 1\"/><hfield name=\"h\" nrow=\"2\" ncol=\"2\" size=\"1 1 1 1\"/></asset>", "no other <hfield>"),
        ("<worldbody><geom type=\"hfield\" hfield=\"nope\"/></worldbody>", "the name of an <hfield>"),
        ("<equality><connect body1=\"nobody\"/></equality>", "the name of a body"),
        ("<equality><connect anchor=\"0 0 1\"/></equality>", "name body1"),
        ("<equality><connect body1=\"b\" body2=\"b\"/></equality>", "to itself"),
        ("<equality><weld body1=\"b\" relpose=\"0 0 0 1 0 0 0\"/></equality>", "relpose"),
        ("<equality solref=\"0.02 1\"/>", "solref"),
        ("<tendon><spatial name=\"t\"/></tendon>", "runs through 0 sites"),
        ("<tendon><spatial name=\"t\"><geom geom=\"g\"/></spatial></tendon>", "(wrapping or pulleys) is not supported"),
        ("<tendon><spatial name=\"t\" stiffness=\"1\"/></tendon>", "stiffness is not supported on spatial tendons"),
        ("<tendon><spatial name=\"t\"><site site=\"nowhere\"/></spatial></tendon>", "the site 'nowhere'"),
        ("<tendon><fixed name=\"t\"><joint joint=\"missing\" coef=\"1\"/></fixed></tendon>", "joint 'missing'"),
        ("<tendon><fixed name=\"t\" damping=\"3\"><joint joint=\"j\" coef=\"1\"/></fixed></tendon>", "tendons are not supported yet"),
        ("<tendon><fixed name=\"t\" stiffness=\"3\" springlength=\"1 0\"><joint joint=\"j\" coef=\"1\"/></fixed></tendon>", "springlength"),
        ("<sensor><touch site=\"nowhere\"/></sensor>", "the site 'nowhere'"),
        ("<sensor><framepos objtype=\"body\" objname=\"b\" reftype=\"body\" refname=\"b\"/></sensor>", "relative to another frame"),
        ("<sensor><jointpos joint=\"j\" delay=\"0.02\"/></sensor>", "delayed and sampled"),
        ("<sensor><jointpos joint=\"j\" cutoff=\"-1\"/></sensor>", "cutoff"),
        ("<actuator><general joint=\"j\" dyntype=\"muscle\"/></actuator>", "muscle and user dynamics"),
        ("<actuator><general joint=\"j\" dyntype=\"filter\" dynprm=\"0\"/></actuator>", "a time constant above 0"),
        ("<actuator><motor tendon=\"t\"/></actuator>", "the tendon 't', which the model does not have"),
        ("<tendon><fixed name=\"t\"><joint joint=\"j\" coef=\"1\"/></fixed></tendon><actuator><motor tendon=\"t\" joint=\"j\"/></actuator>",
         "not both"),
        ("<actuator><motor site=\"s\"/></actuator>", "site transmissions"),
        ("<actuator><position joint=\"j\" inheritrange=\"1\"/></actuator>", "joint 'j' has no range to inherit"),
        ("<actuator><position joint=\"j\" inheritrange=\"-1\"/></actuator>", "a positive share"),
        ("<actuator><position joint=\"j\" inheritrange=\"1\" ctrlrange=\"0 1\"/></actuator>", "nothing beside inheritrange"),
        ("<tendon><fixed name=\"t\"><joint joint=\"j\" coef=\"1\"/></fixed></tendon><actuator><position tendon=\"t\" inheritrange=\"1\"/></actuator>",
         "a tendon's range is not inherited"),
        ("<option><flag spring=\"disable\"/></option>", "Gait cannot disable spring"),
        ("<option><flag contact=\"off\"/></option>", "enable or disable"),
        ("<option density=\"-1.2\"/>", "a number from 0 to 1e6"),
        ("<worldbody><geom size=\"0.1\" fluidshape=\"ellipsoid\"/></worldbody>", "not its ellipsoid one"),
        ("<compiler coordinate=\"global\"/>", "global coordinates"),
        ("<option impratio=\"0\"/>", "a ratio from 1e-6 to 1e6"),
        ("<extension><plugin plugin=\"x\"/></extension>", "plugins are not supported"),
        ("<worldbody><body name=\"c\"><freejoint/><body><joint/><geom size=\"0.1\"/></body></body></worldbody>", "nor has any body welded to it"),
    ])
    func refused(_ element: String, _ why: String) {
        let text = "<mujoco>\n<worldbody><body name=\"b\"><joint name=\"j\"/><geom size=\"0.1\"/></body></worldbody>\n\(element)\n</mujoco>"
        let refusal = error(["main.xml": text])
        #expect(refusal?.description.hasPrefix("main.xml:3: ") == true, "\(String(describing: refusal))")
        #expect(refusal?.description.contains(why) == true, "\(String(describing: refusal))")
    }

    @Test("nonsense softness and limit margins, colliding signed distance fields, height fields on bodies, ellipsoids without 3 radii, sites without positive sizes, a fromto on a visual mesh, impossible inertias, shapes fitted to meshes and shell inertia on a mesh geom are refused", arguments: [
        "<site size=\"0\"/>", "<site type=\"capsule\" size=\"0.1 0\"/>",
        "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\" mass=\"0\" fromto=\"0 0 0 0 0 1\"/>",
        "<geom size=\"0.1\" solref=\"0.02 -1\"/>", "<geom size=\"0.1\" solimp=\"2 0.9 0.01\"/>",
        "<joint solreflimit=\"-1 2\"/>", "<joint range=\"-1 1\" margin=\"1\"/>", "<joint range=\"-200 200\" margin=\"3.5\"/>", "<joint margin=\"-0.1\"/>",
        "<geom type=\"sdf\" mesh=\"m\"/>", "<geom type=\"hfield\" hfield=\"h\"/>", "<geom type=\"ellipsoid\" size=\"0.1 0.2\"/>",
        "<inertial mass=\"3\" fullinertia=\"0 1.1 0.1 0 0 0\"/>", "<inertial mass=\"3\" diaginertia=\"0.1 0.1 0.3\"/>",
        "<inertial mass=\"1\" diaginertia=\"0 0 0\"/>", "<geom type=\"box\" size=\"0.1 0.1 0.1\" mesh=\"m\"/>",
        "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\" mass=\"0\" shellinertia=\"true\"/>",
    ])
    func refusedGeoms(_ geom: String) {
        let text = "<mujoco>\n<worldbody><body name=\"b\"><joint/>\n\(geom)\n</body></worldbody></mujoco>"
        #expect(error(["main.xml": text])?.line == 3)
    }

    @Test("a servo whose damping (kv) overshoots in one explicit step is named in the notices with its measure, unless it is taken implicitly; a gentle one is not")
    func overdampedServo() throws {
        let text = "<mujoco><option timestep=\"0.002\"/><worldbody><body pos=\"0 0 1\"><joint name=\"knee\" axis=\"0 1 0\"/>"
            + "<geom type=\"capsule\" fromto=\"0 0 0 0.3 0 0\" size=\"0.02\" density=\"500\"/></body></worldbody><actuator>"
            + "<position name=\"stiff\" joint=\"knee\" kp=\"60\" kv=\"KV\"/><position name=\"soft\" joint=\"knee\" kp=\"1\" kv=\"0.1\"/></actuator></mujoco>"
        // The arm's inertia about the hinge: a 0.3 m rod of 500 kg/m³ and radius 0.02 with its caps.
        let model = try load(["main.xml": text.replacingOccurrences(of: "KV", with: "40")])
        let ratio = 40 * 0.002 / (1 / model.inverseWeights.weight(of: [(0, 1)]))
        #expect(ratio > 2 && abs(model.servoDampingPerStep(0) - ratio) < 1e-12 && model.servoDampingPerStep(1) < 2)
        let notice = model.notices.first { $0.contains("velocity terms (kv)") }
        #expect(notice?.contains("unstable for 1 of them") == true && notice?.contains("actuator 'stiff'") == true, "\(model.notices)")
        #expect(try load(["main.xml": text.replacingOccurrences(of: "KV", with: "1")]).notices.allSatisfy { !$0.contains("kv") })
        // MuJoCo's implicit integrators take kv implicitly, and so does Gait, for a servo with a force
        // range too (but for the steps it is clamped) on a joint with a rotor row: one with armature,
        // or with a servo without a force range ("soft" here).
        let implicit = text.replacingOccurrences(of: "KV", with: "40").replacingOccurrences(of: "timestep=\"0.002\"", with: "timestep=\"0.002\" integrator=\"implicitfast\"")
        #expect(try load(["main.xml": implicit]).notices.allSatisfy { !$0.contains("velocity terms (kv)") })
        let forceLimited = implicit.replacingOccurrences(of: "kv=\"40\"", with: "kv=\"40\" forcerange=\"-5 5\"")
        #expect(try load(["main.xml": forceLimited]).notices.allSatisfy { !$0.contains("velocity terms (kv)") })
        let alone = forceLimited.replacingOccurrences(of: "<position name=\"soft\" joint=\"knee\" kp=\"1\" kv=\"0.1\"/>", with: "")
        let explicit = try load(["main.xml": alone])
        #expect(explicit.notices.contains { $0.contains("velocity terms (kv)") && $0.contains("actuator 'stiff'") }, "\(explicit.notices)")
        let withArmature = alone.replacingOccurrences(of: "axis=\"0 1 0\"", with: "axis=\"0 1 0\" armature=\"0.001\"")
        #expect(try load(["main.xml": withArmature]).notices.allSatisfy { !$0.contains("velocity terms (kv)") })
    }

    @Test("what is ignored or approximated is named in the notices; Gait's own robots have none")
    func notices() throws {
        let text = "<mujoco><visual/><option integrator=\"RK4\"/><worldbody><light/><body name=\"b\"><joint solreflimit=\"0.01 1\" solreffriction=\"0.01 1\"/>"
            + "<geom size=\"0.1\" rgba=\"1 0 0 1\" solref=\"0.02 1\" condim=\"6\"/><site name=\"s\"/></body></worldbody>"
            + "<sensor><rangefinder site=\"s\"/></sensor></mujoco>"
        let notices = try load(["main.xml": text]).notices.joined(separator: "\n")
        #expect(!notices.contains("joint solref/") && !notices.contains(" solref,") && !notices.contains("solreflimit"),
                "geom and limit softness are simulated: \(notices)")
        for word in ["<visual>", "<light>", "rgba", "<option integrator>", "solreffriction", "condim 6", "<rangefinder>"] {
            #expect(notices.contains(word), "\(word) is not in \(notices)")
        }
        for robot in ["walker", "cheetah", "hopper", "humanoid", "quadruped"] {
            #expect(try Model(contentsOf: Fixtures.robots.appendingPathComponent("\(robot).xml")).notices.isEmpty)
        }
    }

    @Test("a body's frame sensors read its centre of mass; its orientation only where its principal axes are its own (a weightless body's, where it is not turned but by a frame)")
    func inertialFrameSensors() throws {
        let text = "<mujoco><worldbody><body name=\"tilted\"><joint/><geom type=\"capsule\" fromto=\"0 0 0 0.3 0 -0.1\" size=\"0.03\"/></body>"
            + "<body name=\"square\" pos=\"1 0 0\"><joint/><geom type=\"box\" pos=\"0 0 0.2\" size=\"0.1 0.2 0.3\"/></body>"
            + "<body name=\"mount\" pos=\"0 1 0\" euler=\"0 0 30\"/><frame euler=\"0 0 30\"><body name=\"level\" pos=\"0 2 0\"/></frame></worldbody><sensor>"
            + "<framequat name=\"a\" objtype=\"body\" objname=\"tilted\"/><framepos name=\"b\" objtype=\"body\" objname=\"tilted\"/>"
            + "<framequat name=\"c\" objtype=\"body\" objname=\"square\"/><framequat name=\"d\" objtype=\"xbody\" objname=\"tilted\"/>"
            + "<framequat name=\"e\" objtype=\"body\" objname=\"mount\"/><framequat name=\"f\" objtype=\"body\" objname=\"level\"/>"
            + "</sensor></mujoco>"
        let model = try load(["main.xml": text])
        #expect(model.sensors.map(\.name) == ["b", "c", "d", "f"])
        #expect(model.sensors.map(\.frame) == [.inertial, .inertial, .body, .inertial])
        #expect(model.notices.contains { $0.contains("<framequat> sensors") })
    }

    /// The height of a box dropped from 0.5 m onto the floor after 1 s, with `extra` in the model.
    private func droppedBoxHeight(_ extra: String) throws -> Double {
        let text = "<mujoco>\(extra)<worldbody><geom type=\"plane\" size=\"5 5 1\"/><body name=\"box\" pos=\"0 0 0.5\"><freejoint/>"
            + "<geom type=\"box\" size=\"0.1 0.1 0.1\"/></body></worldbody></mujoco>"
        let simulation = Simulation(model: try load(["main.xml": text]))
        try simulation.step(controls: [], substeps: 500)
        return simulation.bodyPosition(1).z
    }

    @Test("contact exclusions and disabled contact let a box fall through the floor; disabled gravity leaves it hanging")
    func exclusionsAndFlags() throws {
        #expect(abs(try droppedBoxHeight("") - 0.1) < 1e-3)
        #expect(try droppedBoxHeight("<contact><exclude body1=\"world\" body2=\"box\"/></contact>") < -3)
        #expect(try droppedBoxHeight("<option><flag contact=\"disable\"/></option>") < -3)
        #expect(try droppedBoxHeight("<option><flag constraint=\"disable\"/></option>") < -3)
        #expect(try droppedBoxHeight("<option><flag gravity=\"disable\"/></option>") == 0.5)
    }

    @Test("frictionloss holds a hinge against a smaller torque and lets a larger one turn it")
    func frictionLoss() throws {
        func turned(frictionLoss: Double, control: Double) throws -> Double {
            let text = """
                <mujoco><option gravity="0 0 0"/><worldbody><body><joint name="j" axis="0 0 1" frictionloss="\(frictionLoss)"/>
                <geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.02"/></body></worldbody>
                <actuator><motor joint="j"/></actuator></mujoco>
                """
            let simulation = Simulation(model: try load(["main.xml": text]))
            try simulation.step(controls: [control], substeps: 100)
            return simulation.jointPosition(0)
        }
        #expect(abs(try turned(frictionLoss: 0.5, control: 0.4)) < 1e-6)
        #expect(try turned(frictionLoss: 0.5, control: 0.6) > 0.05)
        #expect(try turned(frictionLoss: 0, control: 0.6) > turned(frictionLoss: 0.5, control: 0.6))
    }

    @Test("a position servo holds its joint where the control says, against gravity")
    func positionServo() throws {
        let text = """
            <mujoco><option timestep="0.002"/><worldbody><body name="arm"><joint name="j" axis="0 1 0"/>
            <geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.02"/></body></worldbody>
            <actuator><position joint="j" kp="50" kv="2" ctrlrange="-1 1"/></actuator></mujoco>
            """
        let simulation = Simulation(model: try load(["main.xml": text]))
        for _ in 0..<1500 { try simulation.step(controls: [0.3]) }
        // The servo settles where kp·(0.3 − q) balances gravity's torque on the arm.
        let model = simulation.model
        let weight = model.bodies[1].massProperties.mass * 9.81 * model.bodies[1].massProperties.center.x
        let angle = simulation.jointPosition(0)
        #expect(abs(50 * (0.3 - angle) + weight * cos(angle)) < 1e-3, "angle \(angle)")
    }

    @Test("a keyframe's quaternions are normalised, one shorter than 1e-15 made 1 0 0 0, as MuJoCo's compiler does; a state without a direction is refused before ODE sees it",
          arguments: [("0 0 0 0", [1.0, 0, 0, 0]), ("1e-200 0 0 0", [1, 0, 0, 0]), ("-0 -0 -0 -0", [1, 0, 0, 0]), ("0 0 0 2", [0, 0, 0, 1]),
                      ("1e-300 -1e-300 0 0", [1, 0, 0, 0]), ("0 0 3e-15 -4e-15", [0, 0, 0.6, -0.8])])
    func quaternionWithoutDirection(_ quaternion: String, normalized: [Double]) throws {
        let model = try load(["main.xml": """
            <mujoco><worldbody><body name="box"><freejoint name="root"/><geom size="0.1"/></body></worldbody>
            <keyframe><key name="k" qpos="0 0 1 \(quaternion)"/></keyframe></mujoco>
            """])
        let keyframe = Array(model.keyframes[0].positions[3...])
        #expect(zip(keyframe, normalized).allSatisfy { abs($0 - $1) < 1e-15 }, "\(keyframe)")
        let given = quaternion.split(separator: " ").map { Double($0)! }
        let directionless = given.reduce(0) { $0 + $1 * $1 }.squareRoot() < 1e-15
        #expect(model.notices.contains { $0.contains("keyframe quaternions without a direction") } == directionless)
        let simulation = Simulation(model: model), state = [0, 0, 1] + given
        if given.map(abs).max()! < 1e-10 {
            #expect(throws: PhysicsError.self) { try simulation.setPositions(state) }
        } else {
            #expect(throws: Never.self) { try simulation.setPositions(state) }
        }
    }

    @Test("dampratio gives a position servo kv = 2·ζ·√(kp·m), m the mass its transmission moves; timeconst a filterexact activation")
    func dampingRatio() throws {
        let model = try load(["main.xml": """
            <mujoco><default><position kv="3"/><default class="critical"><position dampratio="1" kp="9"/></default></default>
            <worldbody><body><joint name="h" axis="0 1 0" armature="0.05"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.05"/>
            <body pos="0.3 0 0"><joint name="k" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.04"/></body></body></worldbody>
            <tendon><fixed name="t"><joint joint="h" coef="1.5"/><joint joint="k" coef="-0.5"/></fixed></tendon>
            <actuator><position joint="h" kp="40" dampratio="0.7" gear="2" timeconst="0.05"/><position tendon="t" class="critical"/>
            <position joint="k" class="critical" kv="2"/><position joint="k" dampratio="0.5"/></actuator></mujoco>
            """])
        let weights = model.inverseWeights
        let hinge = weights.weight(of: [(model.velocityOffsets[0], 2)])
        let tendon = weights.weight(of: [(model.velocityOffsets[0], 1.5), (model.velocityOffsets[1], -0.5)])
        #expect(abs(model.actuators[0].biasVelocity + 2 * 0.7 * (40 / hinge).squareRoot()) < 1e-12)
        #expect(model.actuators[0].dynamics == .filter(timeConstant: 0.05, exact: true))
        #expect(abs(model.actuators[1].biasVelocity + 2 * (9 / tendon).squareRoot()) < 1e-12, "the class's dampratio")
        #expect(model.actuators[2].biasVelocity == -2 && model.actuators[2].dampingRatio == nil, "kv replaces the class's dampratio")
        #expect(model.actuators[3].dampingRatio == 0.5, "dampratio replaces the default kv")
        for (actuator, expected) in [(#"<position joint="j" kv="1" dampratio="1"/>"#, "cannot both be given"),
                                     (#"<position joint="j" dampratio="-1"/>"#, "a non-negative damping ratio"),
                                     (#"<position joint="j" timeconst="-1"/>"#, "a non-negative time constant")] {
            let refusal = error(["main.xml": "<mujoco><worldbody><body><joint name=\"j\"/><geom size=\"0.1\"/></body></worldbody><actuator>\(actuator)</actuator></mujoco>"])
            #expect(refusal?.description.contains(expected) == true, "\(String(describing: refusal))")
        }
    }

    @Test("an element's own orientation replaces its default's, as MuJoCo's; two on one element are refused")
    func orientationOverridesDefault() throws {
        func geomRotation(_ defaults: String, _ geom: String) throws -> Quaternion {
            try load(["main.xml": """
                <mujoco><default>\(defaults)</default><worldbody><body><joint/><geom type="box" size="0.1 0.2 0.3" \(geom)/></body></worldbody></mujoco>
                """]).geoms[0].pose.rotation
        }
        let halfTurnAboutX = Quaternion(w: 0, x: 1, y: 0, z: 0)
        #expect(try geomRotation(#"<geom euler="0 90 0"/>"#, #"quat="0 1 0 0""#) == halfTurnAboutX)
        let quarterAboutY = try geomRotation(#"<geom quat="0 1 0 0"/>"#, #"euler="0 90 0""#)
        #expect(abs(quarterAboutY.w - 0.5.squareRoot()) < 1e-12 && abs(quarterAboutY.y - 0.5.squareRoot()) < 1e-12, "\(quarterAboutY)")
        for (defaults, geom) in [("", #"quat="1 0 0 0" euler="0 90 0""#), (#"<geom quat="1 0 0 0" zaxis="0 0 1"/>"#, "")] {
            let refusal = error(["main.xml": "<mujoco><default>\(defaults)</default><worldbody><body><geom size=\"0.1\" \(geom)/></body></worldbody></mujoco>"])
            #expect(refusal?.description.contains("cannot both be given") == true, "\(String(describing: refusal))")
        }
    }

    @Test("a <frame> places the bodies, geoms and sites inside it, nested frames compose; a fromto site looks from 'to' towards 'from', as MuJoCo's")
    func frames() throws {
        let model = try load(["main.xml": """
            <mujoco><worldbody><frame pos="0 0 1" euler="0 0 90"><body name="b" pos="1 0 0"><freejoint/><geom size="0.1"/>
            <frame pos="0 0 0.5"><frame euler="90 0 0"><site name="s" pos="0 1 0"/></frame></frame></body></frame>
            <site name="ray" type="capsule" size="0.01" fromto="0 0 1 0 0 2"/></worldbody></mujoco>
            """])
        let body = model.bodies[1].pose
        #expect((body.position - Vector3(0, 1, 1)).length < 1e-12, "\(body.position)")
        #expect(model.sites.map(\.name) == ["ray", "s"], "the world's sites come first, as MuJoCo lists them")
        #expect((model.sites[1].pose.position - Vector3(0, 0, 1.5)).length < 1e-12, "\(model.sites[1].pose.position)")
        #expect((model.sites[0].pose.rotation.rotate(Vector3(0, 0, 1)) - Vector3(0, 0, -1)).length < 1e-12)
        let refusal = error(["main.xml": "<mujoco><worldbody><site type=\"sphere\" fromto=\"0 0 0 0 0 1\"/></worldbody></mujoco>"])
        #expect(refusal?.description.contains("a sphere has no length") == true, "\(String(describing: refusal))")
    }

    @Test("actuatorfrcrange limits hinges and slides; on a ball joint it is noted and ignored, as MuJoCo ignores it")
    func actuatorForceRangeOnBall() throws {
        let model = try load(["main.xml": """
            <mujoco><default><joint actuatorfrcrange="-1 1"/></default><worldbody><body><joint type="ball"/><geom size="0.1"/>
            <body pos="0 0 0.3"><joint name="h"/><geom size="0.1"/></body></body></worldbody></mujoco>
            """])
        #expect(model.joints[0].actuatorForceRange == nil && model.joints[1].actuatorForceRange == -1...1)
        #expect(model.notices.contains { $0.contains("actuatorfrcrange on ball and free joints") }, "\(model.notices)")
    }

    @Test("inheritrange gives a position servo the middle of its joint's range, that many times as wide, as MuJoCo's")
    func inheritedControlRange() throws {
        func controlRange(_ actuator: String) throws -> ClosedRange<Double>? {
            try load(["main.xml": """
                <mujoco><default><position inheritrange="0.5"/></default><worldbody><body><joint name="j" range="-30 90"/>
                <geom size="0.1"/></body></worldbody><actuator>\(actuator)</actuator></mujoco>
                """]).actuators[0].controlRange
        }
        let degree = Double.pi / 180
        let half = try #require(try controlRange(#"<position joint="j"/>"#))
        #expect(abs(half.lowerBound - 0 * degree) < 1e-12 && abs(half.upperBound - 60 * degree) < 1e-12, "\(half)")
        let whole = try #require(try controlRange(#"<position joint="j" inheritrange="1"/>"#))
        #expect(abs(whole.lowerBound + 30 * degree) < 1e-12 && abs(whole.upperBound - 90 * degree) < 1e-12, "\(whole)")
        #expect(try controlRange(#"<position joint="j" inheritrange="1" ctrllimited="false"/>"#) == nil)
        #expect(try controlRange(#"<position joint="j" inheritrange="0" ctrlrange="-1 1"/>"#) == -1...1)
    }

    @Test("joints and geoms take MuJoCo's order, body by body, wherever a body's own lie among its children in the file")
    func bodyByBodyOrder() throws {
        let text = "<mujoco><worldbody><body name=\"a\"><body name=\"b\"><joint name=\"b1\"/><geom name=\"gb\" size=\"0.1\"/></body>"
            + "<joint name=\"a1\"/><frame pos=\"1 0 0\"><geom name=\"ga\" size=\"0.1\"/><body name=\"c\"><joint name=\"c1\"/><geom name=\"gc\" size=\"0.1\"/></body></frame>"
            + "</body><geom name=\"floor\" type=\"plane\" size=\"1 1 1\"/></worldbody></mujoco>"
        let model = try load(["main.xml": text])
        #expect(model.bodies.map(\.name) == ["world", "a", "b", "c"])
        #expect(model.joints.map(\.name) == ["a1", "b1", "c1"])
        #expect(model.geoms.map(\.name) == ["floor", "ga", "gb", "gc"])
    }

    @Test("springdamper gives a hinge or slide MuJoCo's stiffness and damping for the inertia it moves")
    func springDamper() throws {
        let text = "<mujoco><worldbody><body name=\"b\"><joint name=\"h\" springdamper=\"0.2 0.5\" stiffness=\"9\"/><geom type=\"capsule\" fromto=\"0 0 0 0.3 0 0\" size=\"0.05\"/>"
            + "<body pos=\"0.3 0 0\"><joint name=\"s\" type=\"slide\" springdamper=\"0 0\" damping=\"2\"/><geom size=\"0.05\"/></body></body></worldbody></mujoco>"
        let model = try load(["main.xml": text])
        let inertia = 1 / model.inverseWeights.dofs[0]
        #expect(abs(model.joints[0].stiffness - inertia / (0.2 * 0.2 * 0.5 * 0.5)) <= 1e-12 * model.joints[0].stiffness)
        #expect(abs(model.joints[0].damping - 2 * inertia / 0.2) <= 1e-12 * model.joints[0].damping)
        #expect(model.joints[1].stiffness == 0 && model.joints[1].damping == 2, "springdamper 0 0 leaves stiffness and damping as written")
        for (joint, why) in [("<joint springdamper=\"-0.1 1\"/>", "positive time constant"), ("<joint springdamper=\"0 1\"/>", "0 0 for none"), ("<joint type=\"ball\" springdamper=\"0.1 1\"/>", "only hinges and slides")] {
            let refusal = error(["main.xml": "<mujoco><worldbody><body name=\"b\">\(joint)<geom size=\"0.1\"/></body></worldbody></mujoco>"])
            #expect(refusal?.description.contains(why) == true, "\(String(describing: refusal))")
        }
    }
}
