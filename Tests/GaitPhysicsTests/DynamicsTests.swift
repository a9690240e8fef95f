import Foundation
import Testing
@testable import GaitPhysics

@Suite("Dynamics against closed-form physics")
struct DynamicsTests {
    @Test("free fall follows z0 − ½gt² (first-order integrator error only)")
    func freeFall() throws {
        let dt = 0.001
        let model = try Fixtures.freeBody(#"<geom type="sphere" size="0.1"/>"#, height: 10, floor: false, timestep: dt)
        let simulation = Simulation(model: model)
        try simulation.step(controls: [], substeps: 1000)
        let t = simulation.time
        let z = simulation.bodyPosition(1).z
        #expect(abs(t - 1) < 1e-9)
        // Semi-implicit Euler falls g·t·dt/2 further than the exact parabola.
        #expect(abs(z - (10 - 0.5 * 9.81 * t * t)) <= 9.81 * t * dt)
        #expect(abs(simulation.subtreeLinearVelocity(1).z + 9.81 * t) < 1e-9)
    }

    @Test("a simple pendulum's small-angle period is 2π√(l/g) within 1 %")
    func pendulumPeriod() throws {
        let simulation = Simulation(model: try Fixtures.pendulum(length: 1))
        try simulation.setPositions([0.05])
        var crossings: [Double] = []
        var previous = simulation.jointPosition(0)
        while crossings.count < 7 {
            try simulation.step(controls: [0])
            let angle = simulation.jointPosition(0)
            if previous > 0, angle <= 0 {
                // Linear interpolation of the downward zero crossing.
                crossings.append(simulation.time - simulation.model.timestep * angle / (angle - previous))
            }
            previous = angle
        }
        let measured = (crossings.last! - crossings.first!) / Double(crossings.count - 1)
        let expected = 2 * Double.pi * (1 / 9.81).squareRoot()
        #expect(abs(measured - expected) / expected < 0.01, "period \(measured) s, expected \(expected) s")
    }

    @Test("a capsule comes to rest on the plane at its radius (within 1 mm)")
    func capsuleRests() throws {
        let model = try Fixtures.freeBody(#"<geom type="capsule" fromto="-0.3 0 0 0.3 0 0" size="0.07"/>"#, height: 0.3)
        let simulation = Simulation(model: model)
        try simulation.step(controls: [], substeps: 3000)
        #expect(abs(simulation.bodyPosition(1).z - 0.07) < 0.001)
        #expect(simulation.bodyLinearVelocity(1).length < 1e-3)
        // The floor carries the weight.
        let weight = model.totalMass * 9.81
        let floor = model.geom(named: "floor")!
        #expect(abs(simulation.contactNormalForce(onGeom: floor) - weight) / weight < 0.01)
        // The capsule presses the floor down with its weight.
        let pressing = simulation.contactForce(onGeom: floor)
        #expect(abs(pressing.z + weight) / weight < 0.01 && abs(pressing.x) < 0.01 * weight)
    }

    @Test("a frictionless pendulum keeps its energy within 0.5 % over 10 s")
    func energyDrift() throws {
        let model = try Fixtures.pendulum(length: 1, radius: 0.05)
        let simulation = Simulation(model: model)
        try simulation.setPositions([1.0])
        let mass = model.totalMass
        let inertia = mass * (1 + 0.4 * 0.05 * 0.05)
        func energy() -> Double {
            let omega = simulation.jointVelocity(0)
            return 0.5 * inertia * omega * omega + mass * 9.81 * simulation.bodyPosition(1).z
                + mass * 9.81 * simulation.bodyPose(1).apply(Vector3(0, 0, -1)).z
        }
        let initial = energy()
        var worst = 0.0
        for _ in 0..<100 {
            try simulation.step(controls: [0], substeps: 100)
            worst = max(worst, abs(energy() - initial))
        }
        #expect(abs(simulation.time - 10) < 1e-9)
        #expect(worst / (mass * 9.81 * 1) < 0.005, "energy drift \(worst) J")
    }

    /// An arm on a hinge limited to −30°…45°, driven by up to 500 N·m.
    static let limitedArm = """
        <mujoco>
          <worldbody>
            <body name="arm">
              <joint name="elbow" axis="0 1 0" range="-30 45"/>
              <geom type="capsule" fromto="0 0 0 0.5 0 0" size="0.05"/>
            </body>
          </worldbody>
          <actuator><motor joint="elbow" gear="500"/></actuator>
        </mujoco>
        """

    /// A soft limit gives way under a torque (see below) and lets a slamming arm in before it
    /// stops it: MuJoCo 3.17 holds this arm 1.45° past each limit under its full 500 N·m, after
    /// overshooting by 20–24° (Gait: 19–23°).
    @Test("joint limits hold under large torques")
    func limitsHold() throws {
        let simulation = Simulation(model: try Model(mjcf: Self.limitedArm))
        for (control, limit) in [(1.0, 45.0), (-1.0, -30.0), (1.0, 45.0)] {
            var overshoot = 0.0
            for _ in 0..<500 {
                try simulation.step(controls: [control])
                overshoot = max(overshoot, (simulation.jointPosition(0) * 180 / .pi - limit) * control)
            }
            let settled = simulation.jointPosition(0) * 180 / .pi
            #expect(abs(settled - limit) < 3, "held at \(settled)° against a \(limit)° limit")
            #expect(overshoot < 30, "slammed \(overshoot)° past the limit")
        }
    }

    /// At rest against a soft limit, MuJoCo's constraint force f balances the torque τ (the
    /// motor's and gravity's) and its reference acceleration k·d·depth equals R·f, R = (1 − d)/d · w
    /// (w the inverse weight): depth = (1 − d)·w·τ / (k·d²), with d = 0.95 and k = 1/(0.95 · 0.02)²
    /// by default.
    @Test("soft joint limits give under large torques as far as MuJoCo's balance of forces says")
    func softLimitsGive() throws {
        let model = try Model(mjcf: Self.limitedArm)
        let simulation = Simulation(model: model)
        let d = 0.95, k = 1 / ((0.95 * 0.02) * (0.95 * 0.02)), weight = model.inverseWeights.dofs[0]
        let arm = model.bodies[1].massProperties
        for (control, limit) in [(1.0, 45.0), (-1.0, -30.0)] {
            try simulation.step(controls: [control], substeps: 1_000)
            let angle = simulation.jointPosition(0)
            // The arm lies along x; turned by `angle` about y, gravity pulls it on with m·g·x·cos(angle).
            let torque = 500 * control + arm.mass * 9.81 * arm.center.x * cos(angle)
            let depth = (1 - d) * weight * torque / (k * d * d)
            #expect(abs(depth) > 0.01, "the give is more than ODE's stops allow")
            #expect(abs(angle - limit * .pi / 180 - depth) < 1e-9, "held \(angle - limit * .pi / 180) rad beyond the limit, expected \(depth)")
        }
    }

    @Test("light damping decays the swing as exp(−c·t / 2I)")
    func lightDampingDecays() throws {
        let damping = 0.5
        let simulation = Simulation(model: try Fixtures.pendulum(damping: damping, timestep: 0.002))
        try simulation.setPositions([0.2])
        try simulation.step(controls: [0], substeps: 5000)
        var amplitude = 0.0
        for _ in 0..<1000 {  // a little over one period
            try simulation.step(controls: [0])
            amplitude = max(amplitude, abs(simulation.jointPosition(0)))
        }
        let expected = 0.2 * exp(-damping * 10 / 2)
        #expect(abs(amplitude - expected) / expected < 0.15, "amplitude \(amplitude), expected about \(expected)")
    }

    @Test("heavy damping (solved implicitly) gives the overdamped creep, stably")
    func heavyDampingCreeps() throws {
        let damping = 50.0
        let simulation = Simulation(model: try Fixtures.pendulum(damping: damping, timestep: 0.01))
        try simulation.setPositions([0.5])
        var lowest = 0.5
        for _ in 0..<500 {
            try simulation.step(controls: [0])
            lowest = min(lowest, simulation.jointPosition(0))
        }
        // I·θ'' + c·θ' + m·g·l·θ = 0 with θ(0) = 0.5, θ'(0) = 0; I = m·g·l/g = 1 kg·m² here.
        let (inertia, stiffness) = (1.00004, 9.81)
        let root = (-damping + (damping * damping - 4 * inertia * stiffness).squareRoot()) / (2 * inertia)
        let fast = (-damping - (damping * damping - 4 * inertia * stiffness).squareRoot()) / (2 * inertia)
        let expected = 0.5 * (fast * exp(root * 5) - root * exp(fast * 5)) / (fast - root)
        #expect(abs(simulation.jointPosition(0) - expected) / expected < 0.05,
                "θ(5 s) = \(simulation.jointPosition(0)), expected \(expected)")
        #expect(lowest > 0, "an overdamped pendulum never swings through")
    }

    /// A light capsule on a hinge in zero gravity, driven by one position servo (kp 60, kv 40).
    private static func stiffServo(option: String = "", joint: String = "", servo: String = "") -> String {
        "<mujoco><option timestep=\"0.002\" gravity=\"0 0 0\" \(option)/><worldbody><body><joint name=\"knee\" axis=\"0 1 0\" \(joint)/>"
            + "<geom type=\"capsule\" fromto=\"0 0 0 0.3 0 0\" size=\"0.02\" density=\"500\"/></body></worldbody>"
            + "<actuator><position joint=\"knee\" kp=\"60\" kv=\"40\" \(servo)/></actuator></mujoco>"
    }

    @Test("a servo too stiff for explicit steps (kv·h/m = 11) blows up at MuJoCo's Euler and, at implicitfast, follows MuJoCo's implicit step")
    func stiffServoImplicitly() throws {
        let explicit = Simulation(model: try Model(mjcf: Self.stiffServo()))
        #expect(throws: PhysicsError.self) { for _ in 0..<500 { try explicit.step(controls: [0.5]) } }

        let model = try Model(mjcf: Self.stiffServo(option: "integrator=\"implicitfast\""))
        let simulation = Simulation(model: model)
        let (inertia, h, kp, kv) = (1 / model.inverseWeights.weight(of: [(0, 1)]), 0.002, 60.0, 40.0)
        #expect(kv * h / inertia > 10)
        // MuJoCo's implicitfast on one hinge: (I + h·kv)·(q̇′ − q̇) = h·(kp·(c − q) − kv·q̇), then q′ = q + h·q̇′.
        var (angle, rate, farthest) = (0.0, 0.0, 0.0)
        for _ in 0..<500 {
            try simulation.step(controls: [0.5])
            rate += h * (kp * (0.5 - angle) - kv * rate) / (inertia + h * kv)
            angle += h * rate
            farthest = max(farthest, abs(simulation.jointPosition(0) - angle))
        }
        #expect(farthest < 1e-7 && angle > 0.2, "measured 1.8e-8 (ODE's hinge rows on a free body); within \(farthest) of the implicit step's \(angle) rad")
    }

    @Test("a stiff servo with a force range is implicit in the steps its force is within the range and at its bound, undamped, in those it is clamped, as MuJoCo's implicitfast takes it")
    func forceLimitedStiffServo() throws {
        let model = try Model(mjcf: Self.stiffServo(option: "integrator=\"implicitfast\"", joint: "armature=\"0.02\"",
                                                    servo: "forcerange=\"-2 2\""))
        let simulation = Simulation(model: model)
        let (inertia, h, kp, kv, bound) = (1 / model.inverseWeights.weight(of: [(0, 1)]), 0.002, 60.0, 40.0, 2.0)
        // MuJoCo's implicitfast leaves a clamped servo's kv out of the step: (I + h·kv)·(q̇′ − q̇) = h·f
        // while |f| < bound, I·(q̇′ − q̇) = ±h·bound once it is clamped (f = kp·(c − q) − kv·q̇).
        var (angle, rate, farthest, clampedSteps) = (0.0, 0.0, 0.0, 0)
        for _ in 0..<500 {
            try simulation.step(controls: [0.5])
            let force = kp * (0.5 - angle) - kv * rate
            if abs(force) >= bound {
                rate += h * min(max(force, -bound), bound) / inertia
                clampedSteps += 1
            } else {
                rate += h * force / (inertia + h * kv)
            }
            angle += h * rate
            farthest = max(farthest, abs(simulation.jointPosition(0) - angle))
        }
        #expect(clampedSteps >= 5 && angle > 0.2, "clamped in \(clampedSteps) steps, reaching \(angle) rad")
        #expect(kv * h / inertia > 2, "too stiff for explicit steps")
        #expect(farthest < 1e-7, "measured 1.7e-8 (1.2e-2 with kv explicit, as before); within \(farthest) of MuJoCo's implicitfast step")
    }

    @Test("a blow-up is reported by the step, and the simulation recovers once given a sound state")
    func instabilityReported() throws {
        let model = try Model(mjcf: """
            <mujoco>
              <option timestep="0.01" gravity="0 0 0"/>
              <worldbody>
                <body name="spring">
                  <joint name="x" type="slide" axis="1 0 0" stiffness="1e6" ref="0.5"/>
                  <geom type="sphere" size="0.05" mass="0.001"/>
                </body>
              </worldbody>
            </mujoco>
            """)
        let simulation = Simulation(model: model)
        var failure: PhysicsError?
        do {
            try simulation.step(controls: [], substeps: 200)
        } catch {
            failure = error
        }
        guard case .unstable(_, let body, _) = failure else {
            Issue.record("expected an instability, got \(String(describing: failure))")
            return
        }
        #expect(body == "spring")
        #expect(throws: PhysicsError.self) { try simulation.step(controls: []) }
        try simulation.setPositions([0])
        #expect(throws: Never.self) { try simulation.step(controls: [], substeps: 10) }
    }
}
