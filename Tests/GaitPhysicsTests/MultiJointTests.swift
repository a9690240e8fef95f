import Foundation
import Testing
@testable import GaitPhysics

/// Bodies moved by several hinges (MuJoCo semantics: applied in the order written, each in the
/// frame the previous ones left), ball joints and armature, against a reference integration of
/// the same rigid-body equations.
@Suite("Several joints in one body, ball joints, armature")
struct MultiJointTests {
    /// A capsule hanging by `axes.count` hinges (limits `range` degrees on each when given), one
    /// motor per hinge, from the world or, `onBase`, from a 10⁶ kg box resting on the floor (so
    /// that pairs of perpendicular hinges become ODE universal joints; the world cannot hold one).
    private func chain(axes: [Vector3], range: ClosedRange<Double>? = nil, damping: Double = 0, gravity: Bool = true,
                       onBase: Bool = false, timestep: Double = 0.0005) throws -> Model {
        let joints = axes.enumerated().map { index, axis in
            let limits = range.map { #" limited="true" range="\#($0.lowerBound) \#($0.upperBound)""# } ?? ""
            return #"<joint name="j\#(index)" axis="\#(axis.x) \#(axis.y) \#(axis.z)" damping="\#(damping)"\#(limits)/>"#
        }
        let motors = axes.indices.map { #"<motor joint="j\#($0)" gear="1"/>"# }
        return try Model(mjcf: """
            <mujoco>
              <option timestep="\(timestep)" gravity="0 0 \(gravity ? -9.81 : 0)"/>
              <worldbody>
                \(onBase ? #"<geom type="plane" size="5 5 1"/><body name="base" pos="0 0 0.2"><freejoint/><geom type="box" size="0.2 0.2 0.2" mass="1e6"/>"# : "")
                <body name="arm" pos="\(onBase ? "0.3 0 1" : "0 0 0")">
                  \(joints.joined(separator: "\n"))
                  <geom type="capsule" fromto="0 0 0 0.3 0.1 -0.4" size="0.05"/>
                </body>
                \(onBase ? "</body>" : "")
              </worldbody>
              <actuator>\(motors.joined())</actuator>
            </mujoco>
            """)
    }

    /// Integrates the same body with RK4 in generalized coordinates from its Lagrangian, and
    /// returns the joint angles at `time`.
    private func reference(_ model: Model, start: [Double], torques: [Double], time: Double) -> [Double] {
        let arm = ChainDynamics(model: model, torques: torques)
        var state = start + [Double](repeating: 0, count: start.count)
        let dt = 1e-4
        for _ in 0..<Int((time / dt).rounded()) {
            let k1 = arm.derivative(state)
            let k2 = arm.derivative(zip(state, k1).map { $0 + dt / 2 * $1 })
            let k3 = arm.derivative(zip(state, k2).map { $0 + dt / 2 * $1 })
            let k4 = arm.derivative(zip(state, k3).map { $0 + dt * $1 })
            for i in state.indices { state[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
        }
        return Array(state.prefix(start.count))
    }

    /// The chain's joint angles after `time` from `start` (the base, if any, at its reference).
    private func simulate(_ model: Model, start: [Double], controls: [Double], time: Double) throws -> [Double] {
        let simulation = Simulation(model: model)
        try simulation.setPositions(model.referencePositions.dropLast(start.count) + start)
        try simulation.step(controls: controls, substeps: Int((time / model.timestep).rounded()))
        return Array(simulation.positions().suffix(start.count))
    }

    static let twoHinges = [Vector3(1, 0, 0), Vector3(0, 1, 0)]
    static let threeHinges = [Vector3(0, 0, 1), Vector3(1, 0, 0), Vector3(0, 1, 1) / 2.0.squareRoot()]
    /// Three perpendicular hinges: the humanoid's hip order (x, z, y: a left-handed triple) and a
    /// right-handed one. With the middle hinge limited within 75°, each forms a gimbal.
    static let perpendicularHinges = [[Vector3(1, 0, 0), Vector3(0, 0, 1), Vector3(0, 1, 0)],
                                      [Vector3(0, 0, 1), Vector3(1, 0, 0), Vector3(0, 1, 0)]]
    static let gimbalRange: ClosedRange<Double> = -75...75

    @Test("three perpendicular hinges form a gimbal that swings, turns under each torque and damps like the reference",
          arguments: perpendicularHinges, [false, true])
    func gimbal(axes: [Vector3], onBase: Bool) throws {
        let swinging = try chain(axes: axes, range: Self.gimbalRange, onBase: onBase)
        #expect(Simulation(model: swinging).layout.connections.compactMap { $0?.segment }.filter { $0 == .gimbal }.count == 3)
        let start = [0.4, -0.3, 0.5]
        for time in [0.25, 0.5, 1.0] {
            let expected = reference(swinging, start: start, torques: [0, 0, 0], time: time)
            let simulated = try simulate(swinging, start: start, controls: [0, 0, 0], time: time)
            #expect(zip(simulated, expected).allSatisfy { abs($0 - $1) < 0.01 }, "t=\(time): \(simulated) vs reference \(expected)")
        }
        let floating = try chain(axes: axes, range: Self.gimbalRange, gravity: false, onBase: onBase)
        for axis in 0..<3 {
            var torques = [0.0, 0.0, 0.0]
            torques[axis] = 0.05
            let expected = reference(floating, start: [0.1, 0.2, -0.1], torques: torques, time: 0.5)
            let simulated = try simulate(floating, start: [0.1, 0.2, -0.1], controls: torques, time: 0.5)
            #expect(zip(simulated, expected).allSatisfy { abs($0 - $1) < 0.01 }, "torque on \(axis): \(simulated) vs \(expected)")
        }
        // 2 N·m·s/rad is light (an explicit torque); 40 is heavy for the arm (a solver row).
        for damping in [2.0, 40.0] {
            let damped = try chain(axes: axes, range: Self.gimbalRange, damping: damping, onBase: onBase)
            #expect(damped.layout.implicitlyDamped.contains(true) == (damping > 10))
            let expected = reference(damped, start: start, torques: [0, 0, 0], time: 0.5)
            let simulated = try simulate(damped, start: start, controls: [0, 0, 0], time: 0.5)
            #expect(zip(simulated, expected).allSatisfy { abs($0 - $1) < 0.01 }, "damping \(damping): \(simulated) vs \(expected)")
        }
    }

    @Test("a 2-hinge and a 3-hinge chain swinging under gravity follow the reference integration",
          arguments: [twoHinges, threeHinges], [false, true])
    func swingUnderGravity(axes: [Vector3], onBase: Bool) throws {
        let model = try chain(axes: axes, onBase: onBase)
        #expect(!onBase || Simulation(model: model).layout.connections.contains { $0?.segment == .universal })
        let start = [0.4, -0.3, 0.5].prefix(axes.count).map { $0 }
        for time in [0.25, 0.5, 1.0] {
            let expected = reference(model, start: start, torques: [Double](repeating: 0, count: axes.count), time: time)
            let simulated = try simulate(model, start: start, controls: [Double](repeating: 0, count: axes.count), time: time)
            for (got, want) in zip(simulated, expected) {
                #expect(abs(got - want) < 0.01, "t=\(time): \(simulated) vs reference \(expected)")
            }
        }
    }

    @Test("a torque on each axis alone accelerates the chain as the reference does", arguments: [0, 1, 2], [false, true])
    func torqueOnEachAxis(axis: Int, onBase: Bool) throws {
        let model = try chain(axes: Self.threeHinges, gravity: false, onBase: onBase)
        var torques = [0.0, 0.0, 0.0]
        torques[axis] = 0.05
        let start = [0.1, 0.2, -0.1]
        let expected = reference(model, start: start, torques: torques, time: 0.5)
        let simulated = try simulate(model, start: start, controls: torques, time: 0.5)
        #expect(abs(expected[axis] - start[axis]) > 0.1, "the torque moves its own axis")
        for (got, want) in zip(simulated, expected) {
            #expect(abs(got - want) < 0.01, "\(simulated) vs reference \(expected)")
        }
    }

    @Test("each axis stops at its limit (hinges with links, and a gimbal)", arguments: [threeHinges] + perpendicularHinges, [false, true])
    func limitOnEachAxis(axes: [Vector3], onBase: Bool) throws {
        let model = try chain(axes: axes, range: -20...30, gravity: false, onBase: onBase)
        for axis in 0..<3 {
            for direction in [-1.0, 1.0] {
                var controls = [0.0, 0.0, 0.0]
                controls[axis] = 2 * direction
                let angles = try simulate(model, start: [0, 0, 0], controls: controls, time: 1)
                let limit = (direction > 0 ? 30.0 : -20.0) * .pi / 180
                #expect(abs(angles[axis] - limit) < 0.01, "axis \(axis) pushed \(direction > 0 ? "up" : "down"): \(angles)")
                for other in angles.indices where other != axis {
                    #expect(angles[other] >= -20 * .pi / 180 - 0.01 && angles[other] <= 30 * .pi / 180 + 0.01)
                }
            }
        }
    }

    @Test("a ball joint swings like three perpendicular hinges and reads back as a quaternion")
    func ballJoint() throws {
        let ball = try Model(mjcf: """
            <mujoco>
              <option timestep="0.0005"/>
              <worldbody>
                <body name="arm"><joint type="ball"/><geom type="capsule" fromto="0 0 0 0.3 0.1 -0.4" size="0.05"/></body>
              </worldbody>
            </mujoco>
            """)
        let hinges = try chain(axes: [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)])
        let angles = [0.3, -0.2, 0.4]
        let hingeSimulation = Simulation(model: hinges)
        try hingeSimulation.setPositions(angles)
        let turn = hinges.bodyPoses(positions: angles)[1].rotation
        let ballSimulation = Simulation(model: ball)
        try ballSimulation.setPositions([turn.w, turn.x, turn.y, turn.z])
        let read = ballSimulation.positions()
        for (got, want) in zip(read, [turn.w, turn.x, turn.y, turn.z]) { #expect(abs(got - want) < 1e-12) }
        try hingeSimulation.step(controls: [0, 0, 0], substeps: 1000)
        try ballSimulation.step(controls: [], substeps: 1000)
        let tip = Vector3(0.3, 0.1, -0.4)
        let hingeTip = hingeSimulation.bodyPose(1).apply(tip), ballTip = ballSimulation.bodyPose(1).apply(tip)
        #expect((hingeTip - ballTip).length < 0.005, "after 0.5 s: hinges \(hingeTip), ball \(ballTip)")
        let spin = ballSimulation.velocities()
        let expected = ballSimulation.bodyPose(1).rotation.conjugate.rotate(ballSimulation.bodyAngularVelocity(1))
        #expect(spin.count == 3 && zip(spin, [expected.x, expected.y, expected.z]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("armature adds rotor inertia: a pendulum's period is 2π √((I + armature) / (m g l))")
    func armaturePeriod() throws {
        let armature = 0.05
        let model = try Model(mjcf: """
            <mujoco>
              <compiler angle="radian"/>
              <option timestep="0.0005"/>
              <worldbody>
                <body><joint axis="0 1 0" armature="\(armature)"/><geom type="sphere" pos="0 0 -0.5" size="0.05" mass="1"/></body>
              </worldbody>
            </mujoco>
            """)
        let simulation = Simulation(model: model)
        try simulation.setPositions([0.05])
        var crossings: [Double] = []
        var previous = simulation.jointPosition(0)
        while crossings.count < 3 {
            try simulation.step(controls: [])
            let angle = simulation.jointPosition(0)
            if previous > 0, angle <= 0 { crossings.append(simulation.time) }
            previous = angle
        }
        let inertia = 0.4 * 0.05 * 0.05 + 0.25 + armature
        let period = 2 * Double.pi * (inertia / (9.81 * 0.5)).squareRoot()
        #expect(abs((crossings[2] - crossings[0]) / 2 - period) / period < 0.005)
    }

    @Test("armature on a slide adds to the mass it moves: a force F accelerates mass m at F / (m + armature)")
    func slideArmature() throws {
        let model = try Model(mjcf: """
            <mujoco><option gravity="0 0 0" timestep="0.001"/>
            <worldbody><body><joint name="slide" type="slide" axis="1 0 0" armature="0.5"/><geom type="sphere" size="0.1" mass="1.5"/></body></worldbody>
            <actuator><motor joint="slide" gear="1"/></actuator></mujoco>
            """)
        let simulation = Simulation(model: model)
        try simulation.step(controls: [4], substeps: 100)
        #expect(abs(simulation.jointVelocity(0) - 4 / 2 * simulation.time) < 1e-9)
        let planar = """
            <mujoco><worldbody><body><joint type="slide" axis="1 0 0" armature="0.5"/><joint type="slide" axis="0 0 1"/>
            <joint axis="0 1 0"/><geom type="sphere" size="0.1"/></body></worldbody></mujoco>
            """
        #expect { try Model(mjcf: planar) } throws: { "\($0)".contains("planar root joints cannot have") }
    }

    /// Two balls turning about one axis through both centres, in zero gravity: a free base of
    /// inertia I_b and a body of inertia I on a motorised hinge with armature A and damping d.
    /// MuJoCo's joint-space rotor gives (I·I_b/(I + I_b) + A)·q̈ = τ − d·q̇, and the base turns
    /// back at −I·q̈/(I + I_b), whatever A. (Armature as inertia of the body would give the base
    /// the whole reaction, −τ/I_b − …, and here make q̈ 26 times larger.)
    @Test("armature is a rotor in joint space: a torque between two free bodies", arguments: [0.0, 1.02])
    func armatureRotor(damping: Double) throws {
        let (armature, torque, timestep, duration) = (0.1, 0.5, 1e-4, 0.2)
        let model = try Model(mjcf: """
            <mujoco>
              <option timestep="\(timestep)" gravity="0 0 0"/>
              <worldbody>
                <body name="base"><freejoint/><geom type="sphere" size="0.1" mass="1"/>
                  <body name="wheel"><joint name="spin" axis="0 0 1" armature="\(armature)" damping="\(damping)"/>
                    <geom type="sphere" size="0.1" mass="1"/>
                  </body>
                </body>
              </worldbody>
              <actuator><motor joint="spin" gear="1"/></actuator>
            </mujoco>
            """)
        let simulation = Simulation(model: model)
        for _ in 0..<Int((duration / timestep).rounded()) { try simulation.step(controls: [torque]) }
        let (inertia, baseInertia) = (0.4 * 0.01, 0.4 * 0.01)
        let rotor = inertia * baseInertia / (inertia + baseInertia) + armature
        let rate = damping == 0 ? torque * duration / rotor
            : torque / damping * (1 - exp(-damping * duration / rotor))
        let spin = simulation.jointVelocity(1)
        #expect(abs(spin - rate) / rate < 1e-3, "joint rate \(spin), expected \(rate)")
        let baseSpin = simulation.bodyAngularVelocity(1).z
        #expect(abs(baseSpin + inertia * spin / (inertia + baseInertia)) < 1e-9, "base turns at \(baseSpin)")
    }

    @Test("a vanishing armature under the largest torque steps like none, finitely", arguments: [1e-300, Double.leastNonzeroMagnitude, 1e-9])
    func vanishingArmature(armature: Double) throws {
        func wheelRate(armature: Double) throws -> Double {
            let model = try Model(mjcf: """
                <mujoco>
                  <option timestep="0.001" gravity="0 0 0"/>
                  <worldbody>
                    <body name="base"><freejoint/><geom type="sphere" size="0.1" mass="1e6"/>
                      <body name="wheel"><joint name="spin" axis="0 0 1" armature="\(armature)"/><geom type="sphere" size="0.1" mass="1e6"/></body>
                    </body>
                  </worldbody>
                  <actuator><motor joint="spin" gear="1e6"/></actuator>
                </mujoco>
                """)
            let simulation = Simulation(model: model)
            try simulation.step(controls: [1], substeps: 10)
            return simulation.jointVelocity(1)
        }
        let rate = try wheelRate(armature: armature), free = try wheelRate(armature: 0)
        #expect(rate.isFinite && abs(rate - free) <= 1e-6 * abs(free), "\(rate) against \(free) without armature")
    }

    @Test("settotalmass scales every body's mass and inertia")
    func totalMass() throws {
        let model = try Model(mjcf: """
            <mujoco>
              <compiler settotalmass="7"/>
              <worldbody>
                <body><freejoint/><geom type="sphere" size="0.1"/>
                  <body><joint axis="1 0 0"/><geom type="box" size="0.1 0.2 0.3" density="300"/></body>
                </body>
              </worldbody>
            </mujoco>
            """)
        #expect(abs(model.totalMass - 7) < 1e-12)
        let sphere = model.bodies[1].massProperties
        #expect(abs(sphere.inertia.xx - 0.4 * sphere.mass * 0.01) < 1e-12)
    }

    @Test("snapshots of a body moved by a universal joint and a hinge, or by a damped gimbal, on a base on the floor, continue bit for bit",
          arguments: [false, true])
    func chainSnapshots(gimbal: Bool) throws {
        let model = gimbal ? try chain(axes: Self.perpendicularHinges[0], range: Self.gimbalRange, damping: 40, onBase: true)
            : try chain(axes: Self.threeHinges, onBase: true)
        let simulation = Simulation(model: model)
        try simulation.setPositions(model.referencePositions.dropLast(3) + [0.4, -0.3, 0.5])
        try simulation.step(controls: [0.1, -0.2, 0.3], substeps: 100)
        let saved = simulation.state()
        try simulation.step(controls: [0.1, -0.2, 0.3], substeps: 100)
        let after = simulation.state()
        let fresh = Simulation(model: model)
        try fresh.restore(saved)
        try fresh.step(controls: [0.1, -0.2, 0.3], substeps: 100)
        #expect(fresh.state() == after)
    }
}

/// The reference: a rigid body turned about the world origin by hinges applied in order, as
/// MuJoCo defines them, integrated from its Lagrangian L = T − V in generalized coordinates.
private struct ChainDynamics {
    let axes: [Vector3]
    let mass: Double
    let center: Vector3
    let inertia: Matrix3
    let gravity: Vector3
    let torques: [Double]
    let damping: [Double]

    init(model: Model, torques: [Double]) {
        let arm = model.bodies[model.body(named: "arm")!]
        axes = arm.joints.map { model.joints[$0].axis }
        mass = arm.massProperties.mass
        center = arm.massProperties.center
        inertia = arm.massProperties.inertia
        gravity = model.gravity
        self.torques = torques
        damping = arm.joints.map { model.joints[$0].damping }
    }

    /// The body's rotation and its angular velocity (world frame) for angles q and rates v.
    private func motion(_ q: [Double], _ v: [Double]) -> (rotation: Quaternion, omega: Vector3) {
        var rotation = Quaternion.identity
        var omega = Vector3.zero
        for (k, axis) in axes.enumerated() {
            omega += v[k] * rotation.rotate(axis)
            rotation = rotation * Quaternion(axis: axis, angle: q[k])
        }
        return (rotation, omega)
    }

    private func lagrangian(_ q: [Double], _ v: [Double]) -> Double {
        let (rotation, omega) = motion(q, v)
        let r = rotation.matrix
        let worldInertia = r * inertia * r.transposed
        let arm = rotation.rotate(center)
        let velocity = omega.cross(arm)
        let kinetic = 0.5 * mass * velocity.dot(velocity) + 0.5 * omega.dot(worldInertia * omega)
        return kinetic + mass * gravity.dot(arm)
    }

    private func massMatrix(_ q: [Double]) -> [[Double]] {
        let n = axes.count
        func unit(_ i: Int) -> [Double] { (0..<n).map { $0 == i ? 1 : 0 } }
        let zero = [Double](repeating: 0, count: n)
        let potential = lagrangian(q, zero)
        func kinetic(_ v: [Double]) -> Double { lagrangian(q, v) - potential }
        return (0..<n).map { i in
            (0..<n).map { j in
                i == j ? 2 * kinetic(unit(i)) : kinetic(zip(unit(i), unit(j)).map(+)) - kinetic(unit(i)) - kinetic(unit(j))
            }
        }
    }

    /// d/dt of (q, v): (v, M⁻¹ (τ + ∂L/∂q − Ṁ v)).
    func derivative(_ state: [Double]) -> [Double] {
        let n = axes.count
        let q = Array(state.prefix(n)), v = Array(state.suffix(n))
        let epsilon = 1e-6
        let ahead = massMatrix(zip(q, v).map { $0 + epsilon * $1 }), behind = massMatrix(zip(q, v).map { $0 - epsilon * $1 })
        var rhs = zip(torques, zip(damping, v)).map { $0 - $1.0 * $1.1 }
        for i in 0..<n {
            var up = q, down = q
            up[i] += epsilon
            down[i] -= epsilon
            rhs[i] += (lagrangian(up, v) - lagrangian(down, v)) / (2 * epsilon)
            for j in 0..<n { rhs[i] -= (ahead[i][j] - behind[i][j]) / (2 * epsilon) * v[j] }
        }
        return v + Self.solve(massMatrix(q), rhs)
    }

    /// Gaussian elimination with partial pivoting (n ≤ 3).
    private static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        var a = matrix, b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in column + 1..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (b[row] - (row + 1..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
        }
        return x
    }
}
