import Foundation
import Testing
import GaitCore
import GaitPhysics
@testable import GaitEnvs

@Suite("Locomotion rewards and resets")
struct LocomotionTests {
    @Test("walker-stand: reward near 1 standing upright, low lying down")
    func walkerStandReward() throws {
        let (_, walker) = try physics("walker-stand")
        let simulation = walker.simulation
        let model = simulation.model
        var info = Info()
        simulation.reset()
        let standing = walker.task.reward(simulation, actions: [0, 0, 0, 0, 0, 0], info: &info)
        #expect(standing > 0.99, "standing reward \(standing)")
        var lying = model.referencePositions
        lying[model.joint(named: "rootz")!] = -1.2
        lying[model.joint(named: "rooty")!] = .pi / 2
        try simulation.setPositions(lying)
        let lyingReward = walker.task.reward(simulation, actions: [0, 0, 0, 0, 0, 0], info: &info)
        #expect(lyingReward < 0.2, "lying reward \(lyingReward)")
        #expect(info["upright"]! < 0.51 && info["standing"]! < 0.01)
    }

    @Test("walker resets cover lying and upright starts")
    func walkerResets() throws {
        let (environment, walker) = try physics("walker-walk")
        _ = try environment.reset(seed: 0)
        var uprightness: [Double] = []
        for _ in 0..<200 {
            _ = try environment.reset(seed: nil)
            uprightness.append(walker.simulation.bodyOrientation(1).zz)
        }
        #expect(uprightness.contains { $0 > 0.9 }, "some starts are upright")
        #expect(uprightness.contains { abs($0) < 0.3 }, "some starts lie sideways")
        #expect(uprightness.contains { $0 < -0.9 }, "some starts are upside down")
    }

    @Test("walker-run rewards forward speed only when standing", arguments: [0.0, 4.0, 8.0, 12.0])
    func walkerRunReward(velocity: Double) throws {
        let (_, walker) = try physics("walker-run")
        let simulation = walker.simulation
        simulation.reset()
        try simulation.restore(moving(simulation.state(), velocity: velocity))
        var info = Info()
        let reward = walker.task.reward(simulation, actions: [0, 0, 0, 0, 0, 0], info: &info)
        let move = tolerance(velocity, bounds: (8, .infinity), margin: 4, sigmoid: .linear, valueAtMargin: 0.5)
        #expect(abs(reward - info["stand"]! * (5 * move + 1) / 6) < 1e-9)
        #expect(abs(info["move"]! - move) < 1e-9)
    }

    /// The state with every body's velocity raised by `velocity` along x.
    private func moving(_ state: SimulationState, velocity: Double) -> SimulationState {
        var values = state.values
        for body in 0..<values.count / 13 { values[13 * body + 7] += velocity }
        return SimulationState(time: state.time, values: values)
    }

    @Test("cheetah-run reward is clip(vx / 10, 0, 1)", arguments: [-3.0, 0, 4, 10, 15])
    func cheetahReward(velocity: Double) throws {
        let (environment, cheetah) = try physics("cheetah-run")
        _ = try environment.reset(seed: 2)
        let simulation = cheetah.simulation
        let still = simulation.state()
        let before = simulation.subtreeLinearVelocity(1).x
        try simulation.restore(moving(still, velocity: velocity))
        #expect(abs(simulation.subtreeLinearVelocity(1).x - before - velocity) < 1e-9)
        var info = Info()
        let reward = cheetah.task.reward(simulation, actions: [0, 0, 0, 0, 0, 0], info: &info)
        #expect(abs(reward - min(max((before + velocity) / 10, 0), 1)) < 1e-9)
    }

    @Test("cheetah starts settled on the ground after its 200 settling steps")
    func cheetahSettles() throws {
        let (environment, cheetah) = try physics("cheetah-run")
        _ = try environment.reset(seed: 4)
        #expect(abs(cheetah.simulation.time - 2) < 1e-9)
        #expect(cheetah.simulation.contactCount > 0)
    }

    @Test("hopper observes log(1 + touch force) at toe and heel, as its touch sensors read; standing needs the torso above the foot")
    func hopperTouch() throws {
        let (environment, hopper) = try physics("hopper-stand")
        _ = try environment.reset(seed: 1)
        var observation: [Float] = []
        for _ in 0..<100 { observation = try environment.step([0, 0, 0, 0]).observation }
        let model = hopper.simulation.model
        let toe = hopper.simulation.touchForce(onSite: try #require(model.site(named: "touch_toe")))
        let heel = hopper.simulation.touchForce(onSite: try #require(model.site(named: "touch_heel")))
        #expect(observation.suffix(2) == [Float(log1p(toe)), Float(log1p(heel))])
        #expect(toe + heel > 0, "the fallen hopper's foot touches the floor")
        var info = Info()
        hopper.simulation.reset()
        let upright = hopper.task.reward(hopper.simulation, actions: [0, 0, 0, 0], info: &info)
        #expect(info["standing"] == 1)
        #expect(abs(upright - 1) < 1e-12, "no control costs nothing")
        #expect(abs(hopper.task.reward(hopper.simulation, actions: [1, 1, 1, 1], info: &info) - 0.8) < 1e-12)
    }

    @Test("a physics blow-up ends the episode with terminated and physics_error, never a crash")
    func physicsError() throws {
        let model = try Model(mjcf: """
            <mujoco model="spring"><option timestep="0.01" gravity="0 0 0"/>
              <worldbody><body name="torso"><joint name="x" type="slide" axis="1 0 0" stiffness="1e6"/>
                <geom type="sphere" size="0.05" mass="0.001"/></body></worldbody>
              <actuator><motor joint="x" gear="1"/></actuator>
            </mujoco>
            """)
        struct Push: PhysicsTask {
            let substeps = 20
            func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
                try simulation.setPositions([0.5])
            }
            func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
                writer.append("position", simulation.jointPosition(0))
            }
            func reward(_ readings: Void, of simulation: Simulation, actions: [Double], info: inout Info) -> Double { 1 }
        }
        let spec = EnvironmentSpec(id: "spring", summary: "", maxEpisodeSteps: 10, observationSize: 1, actionSize: 1) { seed, _ in
            PhysicsEnvironment(model: model, task: Push(), seed: seed)
        }
        let environment = try spec.make(seed: 1)
        let start = try environment.reset(seed: 1).observation
        let result = try environment.step([0])
        #expect(result.terminated && !result.truncated)
        #expect(result.info.messages["physics_error"]?.contains("unstable") == true)
        #expect(result.observation == start && result.observation.allSatisfy(\.isFinite))
        #expect(throws: EnvironmentError.episodeFinished) { try environment.step([0]) }
    }

    @Test("actions in [-1, 1] span each actuator's control range: a position servo's target, a motor's torque")
    func actionsSpanControlRanges() throws {
        let model = try Model(mjcf: """
            <mujoco model="servo"><option timestep="0.002" gravity="0 0 0"/>
              <worldbody><body name="torso"><joint name="x" type="slide" axis="1 0 0"/>
                <geom type="sphere" size="0.05" mass="1"/></body></worldbody>
              <actuator><position joint="x" kp="400" kv="40" ctrlrange="0.2 0.6"/></actuator>
            </mujoco>
            """)
        struct Hold: PhysicsTask {
            let substeps = 10
            func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {}
            func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
                writer.append("position", simulation.jointPosition(0))
            }
            func reward(_ readings: Void, of simulation: Simulation, actions: [Double], info: inout Info) -> Double { actions[0] }
        }
        for (action, target) in [(Float(-1), 0.2), (0, 0.4), (1, 0.6)] {
            let environment = PhysicsEnvironment(model: model, task: Hold(), seed: 1)
            _ = try environment.reset(seed: 1)
            var result = try environment.step([action])
            #expect(result.reward == Double(action), "the task sees the action, not the servo's target")
            for _ in 0..<200 { result = try environment.step([action]) }
            #expect(abs(Double(result.observation[0]) - target) < 1e-4, "action \(action) holds the slide at \(target)")
        }
    }
}
