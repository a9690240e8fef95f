import Testing
@testable import GaitPhysics

@Suite("Couplings: joint and tendon equalities") struct CouplingTests {
    /// A leg: a yaw and a pitch at the hip, then a knee and an ankle about the pitch's axis (the
    /// ankle's reversed), its pitch, knee and ankle held at a weighted sum by `equality`.
    private static func leg(_ equality: String, flags: String = "", coefficients: (Double, Double, Double) = (1, 1, -1)) -> String {
        """
        <mujoco><option timestep="0.002">\(flags)</option><default><geom type="capsule" size="0.04" contype="0" conaffinity="0"/>
        <joint axis="0 1 0" damping="0.1"/></default><worldbody><body name="hip" pos="0 0 2">
        <joint name="yaw" axis="0 0 1"/><joint name="pitch"/><geom fromto="0 0 0 0.3 0 0"/>
        <body name="shin" pos="0.3 0 0" euler="0 30 0"><joint name="knee"/><geom fromto="0 0 0 0.3 0 0"/>
        <body name="foot" pos="0.3 0 0"><joint name="ankle" axis="0 -1 0"/><geom fromto="0 0 0 0.3 0 -0.1"/></body></body></body></worldbody>
        <tendon><fixed name="sum"><joint joint="pitch" coef="\(coefficients.0)"/><joint joint="knee" coef="\(coefficients.1)"/>
        <joint joint="ankle" coef="\(coefficients.2)"/></fixed></tendon>
        <equality>\(equality)</equality><actuator><motor joint="knee"/></actuator></mujoco>
        """
    }

    @Test("a tendon over a chain of parallel hinges below a yaw is one turn between the hip's parent and the foot")
    func legIsOneTurn() throws {
        let model = try Model(mjcf: Self.leg("<tendon tendon1=\"sum\" polycoef=\"0.1 0 0 0 0\"/>", coefficients: (0.5, 0.5, -0.5)))
        let equality = model.equalities[0]
        let coupling = try #require(equality.coupling)
        #expect(equality.kind == .coupling && equality.bodies == Model.BodyPair(0, model.body(named: "foot")!))
        #expect(coupling.shares.map(\.joint) == [0, 1, 2, 3] && coupling.shares.map(\.coefficient) == [0, 1, 1, -1])
        #expect(coupling.scale == 0.5 && coupling.offset == 0.1)
        let row = [(1, 0.5), (2, 0.5), (3, -0.5)].map { (dof: model.velocityOffsets[$0.0], coefficient: $0.1) }
        #expect(coupling.weight == model.inverseWeights.weight(of: row) && coupling.weight > 0)
    }

    @Test("a coupled leg keeps its sum under a torque on the knee; with equality constraints off it does not")
    func legHoldsItsSum() throws {
        func sum(flags: String) throws -> (held: Double, kneeTravel: Double) {
            let simulation = Simulation(model: try Model(mjcf: Self.leg("<tendon tendon1=\"sum\"/>", flags: flags)))
            var held = 0.0, travel = 0.0
            for _ in 0..<300 {
                try simulation.step(controls: [1])
                let q = simulation.positions()
                held = max(held, abs(q[1] + q[2] - q[3]))
                travel = max(travel, abs(q[2]))
            }
            return (held, travel)
        }
        let coupled = try sum(flags: ""), free = try sum(flags: "<flag equality=\"disable\"/>")
        #expect(coupled.kneeTravel > 0.3 && coupled.held < 0.01, "\(coupled)")
        #expect(free.held > 0.3, "\(free)")
    }

    @Test("a coupling of a planar root's hinge and one of an empty tendon are refused with their line", arguments: [
        ("<joint joint1=\"rooty\"/>", "planar root"), ("<tendon tendon1=\"none\"/>", "a fixed tendon with at least one joint"),
    ])
    func planarRootAndEmptyTendon(_ equality: String, _ why: String) {
        let text = """
            <mujoco><worldbody><body name="torso"><joint name="rootx" type="slide" axis="1 0 0"/><joint name="rootz" type="slide" axis="0 0 1"/>
            <joint name="rooty" axis="0 1 0"/><geom size="0.1"/></body></worldbody>
            <tendon><fixed name="none"/></tendon>
            <equality>
            \(equality)
            </equality></mujoco>
            """
        do {
            _ = try Model(mjcf: text, source: "planar.xml")
            Issue.record("\(equality) loaded")
        } catch {
            #expect(error.description.hasPrefix("planar.xml:5: ") && error.description.contains(why), "\(error)")
        }
    }

    @Test("a coupling no one turn between two bodies measures is held in joint space: the knee's torque moves the other hinges along", arguments: [
        ("<tendon tendon1=\"sum\"/>", (1.0, 2.0, -1.0)),
        ("<joint joint1=\"pitch\" joint2=\"ankle\" polycoef=\"0 1 0 0 0\"/>", (1.0, 1.0, -1.0)),
        ("<joint joint1=\"yaw\" joint2=\"knee\"/>", (1.0, 1.0, -1.0)),
    ])
    func heldInJointSpace(_ equality: String, _ coefficients: (Double, Double, Double)) throws {
        func stray(flags: String) throws -> (stray: Double, kneeTravel: Double) {
            let model = try Model(mjcf: Self.leg(equality, flags: flags, coefficients: coefficients))
            let coupling = try #require(model.equalities[0].coupling)
            #expect(coupling.axis == nil && coupling.scale == 1 && coupling.weight > 0 && !coupling.response.isEmpty)
            let simulation = Simulation(model: model)
            var stray = 0.0, travel = 0.0
            for _ in 0..<300 {
                try simulation.step(controls: [1])
                let q = simulation.positions()
                stray = max(stray, abs(coupling.shares.reduce(-coupling.offset) { $0 + $1.coefficient * q[model.positionOffsets[$1.joint]] }))
                travel = max(travel, abs(q[2]))
            }
            return (stray, travel)
        }
        let held = try stray(flags: ""), free = try stray(flags: "<flag equality=\"disable\"/>")
        #expect(held.kneeTravel > 0.5 && held.stray < 0.3 * free.stray, "held \(held), free \(free)")
    }

    @Test("couplings that cannot be held are refused with their line", arguments: [
        ("<joint joint1=\"knee\" joint2=\"ankle\" polycoef=\"0 1 0.5 0 0\"/>", (1.0, 1.0, -1.0), "a linear relation"),
        ("<tendon tendon1=\"missing\"/>", (1.0, 1.0, -1.0), "the name of a fixed tendon"),
        ("<joint joint2=\"knee\"/>", (1.0, 1.0, -1.0), "needs the attribute 'joint1'"),
        ("<tendon tendon1=\"sum\"/>", (0.0, 0.0, 0.0), "coefficients are all 0"),
        ("<joint joint1=\"knee\" joint2=\"missing\" polycoef=\"0 0 0 0 0\"/>", (1.0, 1.0, -1.0), "the name of a joint"),
        ("<joint joint1=\"knee\" joint2=\"ankle\" polycoef=\"0 0 1 0 0\"/>", (1.0, 1.0, -1.0), "a linear relation"),
    ])
    func refused(_ equality: String, _ coefficients: (Double, Double, Double), _ why: String) {
        let text = Self.leg("\n" + equality, coefficients: coefficients)
        do {
            _ = try Model(mjcf: text, source: "leg.xml")
            Issue.record("\(equality) loaded")
        } catch {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(equality) }! + 1
            #expect(error.description.hasPrefix("leg.xml:\(line): ") && error.description.contains(why), "\(error)")
        }
    }
}
