import Foundation
import Testing
import GaitCore
import GaitPhysics
@testable import GaitEnvs

let registry = try! EnvironmentRegistry(plugins: [BuiltinEnvironments.self])

/// A built-in environment as the registry makes it (wrapped) and the physics environment inside.
func physics(_ id: String, seed: UInt64 = 1) throws -> (any Environment, PhysicsEnvironment) {
    let environment = try registry.make(id, seed: seed)
    return (environment, (environment as! Wrapper).unwrapped as! PhysicsEnvironment)
}

@Suite("Built-in environments")
struct EnvironmentTests {
    @Test("every built-in environment passes the environment checker", arguments: registry.ids)
    func checker(id: String) throws {
        let report = EnvironmentChecker(seed: 3, steps: 100).check(try registry.spec(id))
        #expect(report.passed, "\(report)")
    }

    @Test("the registry lists the tasks of TASKS.md with their sizes")
    func listing() throws {
        #expect(registry.ids == ["pendulum", "lqr", "walker-stand", "walker-walk", "walker-run", "cheetah-run",
                                 "hopper-stand", "hopper-hop", "humanoid-stand", "humanoid-walk", "humanoid-run",
                                 "humanoid-getup", "quadruped-walk", "quadruped-run"])
        let sizes = try registry.ids.map { id in try registry.spec(id) }.map { [$0.observationSize, $0.actionSize, $0.maxEpisodeSteps] }
        #expect(sizes == [[3, 1, 200], [2, 1, 100], [24, 6, 1000], [24, 6, 1000], [24, 6, 1000], [17, 6, 1000],
                          [15, 4, 1000], [15, 4, 1000], [67, 21, 1000], [67, 21, 1000], [67, 21, 1000], [67, 21, 1000],
                          [30, 8, 1000], [30, 8, 1000]])
        #expect(throws: RegistryError.unknownEnvironment(id: "walker-rn", suggestions: ["walker-run", "walker-stand", "walker-walk"])) {
            try registry.spec("walker-rn")
        }
    }

    @Test("an unknown option is refused with its name")
    func options() {
        #expect(throws: EnvironmentError.invalidOption("this environment takes no options, got 'speed'")) {
            try registry.make("walker-run", options: ["speed": "3"])
        }
    }

    @Test("pendulum matches Pendulum-v1's equations step by step")
    func pendulumReference() throws {
        let environment = try registry.make("pendulum", seed: 5)
        _ = try environment.reset(seed: 5)
        let pendulum = (environment as! Wrapper).unwrapped as! PendulumEnvironment
        var (theta, omega) = (pendulum.angle, pendulum.velocity)
        var random = RandomSource(seed: 11)
        for _ in 0..<200 {
            let action = Float(random.uniform(-1.2...1.2))
            let result = try environment.step([action])
            let u = 2 * Double(min(max(action, -1), 1))
            let wrapped = (theta + .pi).truncatingRemainder(dividingBy: 2 * .pi)
            let normalized = (wrapped < 0 ? wrapped + 2 * .pi : wrapped) - .pi
            let reward = -(normalized * normalized + 0.1 * omega * omega + 0.001 * u * u)
            omega = min(max(omega + (3 * 10 / 2 * sin(theta) + 3 * u) * 0.05, -8), 8)
            theta += omega * 0.05
            #expect(result.reward == reward)
            #expect(result.observation == [Float(cos(theta)), Float(sin(theta)), Float(omega)])
        }
    }

    @Test("the LQR optimal policy earns the Riccati-optimal expected return (within Monte Carlo error)")
    func lqrOptimum() throws {
        let environment = LQREnvironment(seed: 1)
        var returns: [Double] = []
        var clipped = 0
        for episode in 0..<4000 {
            _ = environment.reset(seed: UInt64(episode))
            var total = 0.0
            for _ in 0..<LQREnvironment.horizon {
                let action = environment.optimalAction
                if abs(action[0]) >= 1 { clipped += 1 }
                total += try environment.step(action).reward
            }
            returns.append(total)
        }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let spread = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(returns.count - 1)).squareRoot()
        let standardError = spread / Double(returns.count).squareRoot()
        let optimum = LQREnvironment.solution.expectedReturn
        #expect(abs(mean - optimum) < 4 * standardError, "mean \(mean) vs optimum \(optimum) ± \(standardError), clipped \(clipped)")
        // The system is deterministic, so the optimal policy beats a detuned one from every start.
        for episode in 0..<200 {
            var returns = [0.0, 0.0]
            for (index, gain) in [1.0, 0.7].enumerated() {
                _ = environment.reset(seed: UInt64(episode))
                for _ in 0..<LQREnvironment.horizon {
                    returns[index] += try environment.step([environment.optimalAction[0] * Float(gain)]).reward
                }
            }
            #expect(returns[0] > returns[1])
        }
    }

    @Test("tolerance: 1 inside the bounds, the margin value at the margin, each sigmoid's shape")
    func toleranceShape() {
        #expect(tolerance(1.5, bounds: (1, 2)) == 1)
        #expect(tolerance(3, bounds: (1, 2)) == 0)
        for sigmoid in Sigmoid.allCases {
            #expect(abs(tolerance(0, bounds: (1, 2), margin: 1, sigmoid: sigmoid, valueAtMargin: 0.3) - 0.3) < 1e-12)
            #expect(abs(tolerance(3, bounds: (1, 2), margin: 1, sigmoid: sigmoid, valueAtMargin: 0.3) - 0.3) < 1e-12)
            #expect(tolerance(1.8, bounds: (2, 3), margin: 1, sigmoid: sigmoid) > tolerance(1.5, bounds: (2, 3), margin: 1, sigmoid: sigmoid))
        }
        #expect(abs(tolerance(0.5, bounds: (1, 1), margin: 1, sigmoid: .linear, valueAtMargin: 0) - 0.5) < 1e-12)
        #expect(abs(tolerance(0.5, bounds: (1, 1), margin: 1, sigmoid: .quadratic, valueAtMargin: 0) - 0.75) < 1e-12)
        #expect(tolerance(-0.5, bounds: (1, 1), margin: 1, sigmoid: .linear, valueAtMargin: 0) == 0)
        #expect(abs(tolerance(0.5, bounds: (1, 1), margin: 1, valueAtMargin: 0.1) - exp(-0.5 * 0.25 * -2 * log(0.1))) < 1e-12)
    }

    @Test("a reward term a task reports only on some steps is absent from the others' info")
    func termsDoNotGoStale() throws {
        let model = BuiltinEnvironments.models["hopper"]!
        let environment = PhysicsEnvironment(model: model, task: EveryOtherStepTerm(base: try HopTask(model: model, speed: 2)),
                                             seed: 1)
        _ = try environment.reset(seed: 1)
        let action = [Float](repeating: 0, count: model.actuators.count)
        let terms = try (0..<4).map { _ in try environment.step(action).info["every_other_step"] }
        #expect(terms[0] == terms[2] && terms[1] == terms[3] && (terms[0] == nil) != (terms[1] == nil), "\(terms)")
    }

    @Test("a height field is drawn as one, its grid thinned to 64 samples a side with its edges kept")
    func heightFieldScene() throws {
        let rows = 100, columns = 70
        let heights = (0..<rows * columns).map { String(($0 % columns) * 1000 + $0 / columns) }.joined(separator: " ")
        let model = try Model(mjcf: """
            <mujoco><asset><hfield name="h" nrow="\(rows)" ncol="\(columns)" size="3 2 0.4 0.1" elevation="\(heights)"/></asset>
            <worldbody><geom type="hfield" hfield="h"/></worldbody></mujoco>
            """)
        guard case .heightField(let field) = model.geoms[0].shape else {
            Issue.record("expected a height field")
            return
        }
        let shape = PhysicsEnvironment.drawn(field)
        #expect(shape.kind == .heightField && shape.isGround)
        #expect(Array(shape.size[0..<6]) == [3, 2, 0.4, 0.1, 64, 64] && shape.size.count == 6 + 64 * 64)
        let corners = [0, 63, 64 * 63, 64 * 64 - 1].map { shape.size[6 + $0] }
        let expected = [0, columns - 1, (rows - 1) * columns, rows * columns - 1].map { field.samples[$0] }
        #expect(corners == expected)
    }
}

/// A task that adds the term `every_other_step` = 1 to its base's info on every other control step.
private struct EveryOtherStepTerm<Base: PhysicsTask>: PhysicsTask {
    let base: Base

    var substeps: Int { base.substeps }

    func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try base.reset(simulation, random: &random)
    }

    func read(_ simulation: Simulation) -> Base.Readings { base.read(simulation) }

    func observe(_ readings: Base.Readings, of simulation: Simulation, into writer: inout ObservationWriter) {
        base.observe(readings, of: simulation, into: &writer)
    }

    func reward(_ readings: Base.Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let step = Int((simulation.time / (simulation.model.timestep * Double(substeps))).rounded())
        if step % 2 == 1 { info["every_other_step"] = 1 }
        return base.reward(readings, of: simulation, actions: actions, info: &info)
    }

}
