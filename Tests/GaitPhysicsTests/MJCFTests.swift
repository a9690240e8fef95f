import Testing
@testable import GaitPhysics

@Suite("MJCF loading")
struct MJCFTests {
    /// Loads `body` wrapped in a minimal document whose first line is line 1.
    private func load(_ text: String) throws(ModelError) -> Model { try Model(mjcf: text, source: "test.xml") }

    private func expectError(_ text: String, line: Int, _ reason: ModelError.Reason) {
        do {
            _ = try load(text)
            Issue.record("expected \(reason), but the model loaded")
        } catch {
            #expect(error.reason == reason)
            #expect(error.line == line)
            #expect(error.description.hasPrefix("test.xml:\(line): "))
        }
    }

    @Test("malformed XML names the line")
    func malformed() {
        expectError("<mujoco>\n<worldbody>\n</body>\n</mujoco>", line: 3,
                    .malformedXML("an end tag does not match its start tag"))
        expectError("<mujoco>\n<worldbody>\n<geom size=0.1/>\n</worldbody>\n</mujoco>", line: 3,
                    .malformedXML("the document ends inside an element or tag; check for unclosed elements, quotes or tags"))
    }

    @Test("an unknown element names itself and its line")
    func unknownElement() {
        expectError("<mujoco>\n<worldbody>\n  <tendon/>\n</worldbody>\n</mujoco>", line: 3, .unknownElement("tendon"))
    }

    @Test("an unknown attribute names the element, the attribute and the line")
    func unknownAttribute() {
        expectError("<mujoco>\n<worldbody>\n<body>\n<geom size=\"0.1\" softness=\"0.02 1\"/>\n</body>\n</worldbody>\n</mujoco>",
                    line: 4, .unknownAttribute(element: "geom", attribute: "softness"))
    }

    @Test("an unknown joint type")
    func unknownJointType() {
        expectError("<mujoco>\n<worldbody>\n<body>\n<joint type=\"spherical\"/>\n<geom size=\"0.1\"/>\n</body>\n</worldbody>\n</mujoco>",
                    line: 4, .unknownJointType("spherical"))
    }

    @Test("a bad number names the attribute, its value and what was expected")
    func badNumber() {
        expectError("<mujoco>\n<option timestep=\"fast\"/>\n</mujoco>", line: 2,
                    .invalidValue(element: "option", attribute: "timestep", value: "fast", expected: "a number of magnitude at most 1e6"))
        expectError("<mujoco>\n<worldbody>\n<body pos=\"0 1\">\n<geom size=\"0.1\"/>\n</body>\n</worldbody>\n</mujoco>", line: 3,
                    .invalidValue(element: "body", attribute: "pos", value: "0 1",
                                  expected: "3 numbers of magnitude at most 1e6, separated by spaces"))
    }

    @Test("an unknown class")
    func unknownClass() {
        expectError("<mujoco>\n<worldbody>\n<body>\n<geom class=\"leg\" size=\"0.1\"/>\n</body>\n</worldbody>\n</mujoco>",
                    line: 4, .unknownClass("leg"))
    }

    @Test("an actuator naming a missing joint")
    func missingJoint() {
        expectError("<mujoco>\n<worldbody>\n<body>\n<joint name=\"hip\"/>\n<geom size=\"0.1\"/>\n</body>\n</worldbody>\n<actuator>\n<motor name=\"m\" joint=\"knee\"/>\n</actuator>\n</mujoco>",
                    line: 9, .missingJoint(actuator: "m", joint: "knee"))
    }

    @Test("a ball joint combined with a hinge is refused with the body's line")
    func unsupportedJoints() throws {
        let text = "<mujoco>\n<worldbody>\n<body name=\"b\">\n<joint type=\"ball\"/>\n<joint axis=\"0 1 0\"/>\n<geom size=\"0.1\"/>\n</body>\n</worldbody>\n</mujoco>"
        let error = try #require(throws: ModelError.self) { try load(text) }
        guard case .unsupported(let why) = error.reason else {
            Issue.record("expected an unsupported-arrangement error, got \(error)")
            return
        }
        #expect(error.line == 3)
        #expect(why.contains("'b'"))
    }

    @Test("defaults cascade through nested classes and childclass; visual elements are ignored")
    func defaultsCascade() throws {
        let model = try load("""
            <mujoco model="cascade">
              <compiler angle="degree"/>
              <default>
                <geom friction="0.5" rgba="1 0 0 1"/>
                <joint damping="2"/>
                <default class="leg">
                  <geom type="capsule" size="0.05 0.2"/>
                  <joint range="-10 20"/>
                  <default class="foot"><geom friction="0.9"/></default>
                </default>
              </default>
              <asset><material name="m"/></asset>
              <worldbody>
                <light pos="0 0 1"/>
                <body name="thigh" childclass="leg">
                  <joint name="hip" axis="0 1 0"/>
                  <geom name="thigh"/>
                  <site name="s"/>
                  <body name="foot" pos="0 0 -0.5" euler="0 90 0">
                    <joint name="ankle" axis="0 1 0" damping="0"/>
                    <geom name="foot" class="foot" material="m"/>
                  </body>
                </body>
              </worldbody>
            </mujoco>
            """)
        #expect(model.name == "cascade")
        let thigh = model.geoms[try #require(model.geom(named: "thigh"))]
        let foot = model.geoms[try #require(model.geom(named: "foot"))]
        #expect(thigh.friction == 0.5)
        #expect(foot.friction == 0.9)
        #expect(foot.shape == .capsule(radius: 0.05, halfLength: 0.2))
        let hip = model.joints[try #require(model.joint(named: "hip"))]
        #expect(hip.damping == 2)
        #expect(hip.range == (-10 * Double.pi / 180)...(20 * Double.pi / 180))
        #expect(model.joints[try #require(model.joint(named: "ankle"))].damping == 0)
        let footBody = model.bodies[try #require(model.body(named: "foot"))]
        #expect(abs(footBody.pose.rotation.matrix.xz - 1) < 1e-12, "euler in degrees: 90° about y")
    }

    @Test("capsule mass and inertia follow the closed form; fromto sets length and direction")
    func capsuleMass() throws {
        let model = try load("""
            <mujoco><worldbody><body><freejoint/>
              <geom type="capsule" fromto="0 0 0 0 0 0.4" size="0.1" density="1000"/>
            </body></worldbody></mujoco>
            """)
        let mass = model.bodies[1].massProperties
        let expected = 1000 * (Double.pi * 0.01 * 0.4 + 4.0 / 3.0 * .pi * 0.001)
        #expect(abs(mass.mass - expected) < 1e-9)
        #expect(abs(mass.center.z - 0.2) < 1e-12)
        #expect(abs(mass.inertia.zz - (0.5 * 1000 * .pi * 0.01 * 0.4 + 0.4 * 1000 * 4.0 / 3.0 * .pi * 0.001) * 0.01) < 1e-12)
    }

    @Test("condim 1 on both geoms makes their contact frictionless; 4 and 6 slide as 3; other values are refused")
    func contactDimension() throws {
        func slide(condim: Int) throws -> Double {
            let model = try load("""
                <mujoco><worldbody><geom type="plane" size="5 5 1" condim="\(condim)"/>
                <body pos="0 0 0.1"><freejoint/><geom type="box" size="0.1 0.1 0.1" condim="\(condim)"/></body>
                </worldbody></mujoco>
                """)
            let simulation = Simulation(model: model)
            var state = simulation.state()
            state.values[7] = 1
            try simulation.restore(state)
            try simulation.step(controls: [], substeps: 500)
            return simulation.bodyLinearVelocity(1).x
        }
        #expect(abs(try slide(condim: 1) - 1) < 1e-6)
        #expect(abs(try slide(condim: 3)) < 1e-6, "friction 1 stops a box sliding at 1 m/s within 0.11 s")
        #expect(try slide(condim: 4) == slide(condim: 3) && slide(condim: 6) == slide(condim: 3))
        expectError("<mujoco>\n<worldbody>\n<geom type=\"plane\" size=\"1 1 1\" condim=\"2\"/>\n</worldbody>\n</mujoco>",
                    line: 3, .invalidValue(element: "geom", attribute: "condim", value: "2", expected: "1, 3, 4 or 6"))
    }

    @Test("values ODE cannot take are refused before it sees them: huge magnitudes, non-positive sizes")
    func valuesOutOfRange() {
        expectError("<mujoco>\n<option gravity=\"0 0 -1e300\"/>\n</mujoco>", line: 2,
                    .invalidValue(element: "option", attribute: "gravity", value: "0 0 -1e300",
                                  expected: "3 numbers of magnitude at most 1e6, separated by spaces"))
        for size in ["-0.1 1", "0.1 -0.2"] {
            expectError("<mujoco>\n<worldbody>\n<body>\n<geom type=\"capsule\" size=\"\(size)\"/>\n</body>\n</worldbody>\n</mujoco>",
                        line: 4, .invalidValue(element: "geom", attribute: "size", value: size, expected: "dimensions of at least 1e-6 m"))
        }
        expectError("<mujoco>\n<worldbody>\n<body>\n<geom type=\"box\" size=\"-1 -1 1\"/>\n</body>\n</worldbody>\n</mujoco>",
                    line: 4, .invalidValue(element: "geom", attribute: "size", value: "-1 -1 1", expected: "dimensions of at least 1e-6 m"))
    }

    @Test("documents nested too deep or with too many elements are refused while they are read")
    func structuralLimits() throws {
        let depth = XMLElementNode.maximumDepth + 50
        let nested = "<mujoco><worldbody>" + String(repeating: "<body><geom size=\"0.1\"/>", count: depth)
            + String(repeating: "</body>", count: depth) + "</worldbody></mujoco>"
        let deep = try #require(throws: ModelError.self) { try load(nested) }
        #expect(deep.description.contains("nested more than \(XMLElementNode.maximumDepth) deep"))
        let many = "<mujoco><worldbody>" + String(repeating: "<geom type=\"sphere\" size=\"0.1\"/>", count: XMLElementNode.maximumElements)
            + "</worldbody></mujoco>"
        let wide = try #require(throws: ModelError.self) { try load(many) }
        #expect(wide.description.contains("more than \(XMLElementNode.maximumElements) elements"))
    }
}
