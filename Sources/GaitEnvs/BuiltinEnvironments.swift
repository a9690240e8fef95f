import GaitAssets
import GaitCore
import GaitPhysics

/// The environments that ship with Gait: the classic `pendulum` and `lqr`, and the locomotion
/// tasks of the DeepMind Control Suite on Gait's own robot models.
public enum BuiltinEnvironments: EnvironmentPlugin {
    public static let name = "builtin"

    /// Made once per process (each locomotion spec simulates its task once to record its
    /// observation layout).
    public static let environments: [EnvironmentSpec] = {
        [
            EnvironmentSpec(id: "pendulum", summary: "Swing a pendulum up and hold it (Gymnasium's Pendulum-v1)",
                            tags: ["classic"], maxEpisodeSteps: 200,
                            observationParts: [ObservationPart("cos_angle", size: 1), ObservationPart("sin_angle", size: 1),
                                               ObservationPart("angular_velocity", size: 1)], actionSize: 1) { seed, options in
                try requireNoOptions(options)
                return PendulumEnvironment(seed: seed)
            },
            EnvironmentSpec(id: "lqr", summary: "Regulate a double integrator; the optimal policy and return are known",
                            tags: ["classic", "linear"], maxEpisodeSteps: LQREnvironment.horizon,
                            observationParts: [ObservationPart("position", size: 1), ObservationPart("velocity", size: 1)],
                            actionSize: 1) { seed, options in
                try requireNoOptions(options)
                return LQREnvironment(seed: seed)
            },
            locomotion("walker-stand", "Planar biped: get up from any pose and stand tall", robot: "walker",
                       version: Self.planarVersion) {
                try WalkTask(model: $0, speed: 0)
            },
            locomotion("walker-walk", "Planar biped: get up and walk forward at 1 m/s", robot: "walker",
                       version: Self.planarVersion) {
                try WalkTask(model: $0, speed: 1)
            },
            locomotion("walker-run", "Planar biped: get up and run forward at 8 m/s", robot: "walker",
                       version: Self.planarVersion) {
                try WalkTask(model: $0, speed: 8)
            },
            locomotion("cheetah-run", "Planar half-cheetah: run forward as fast as possible (10 m/s)", robot: "cheetah",
                       version: Self.cheetahVersion) {
                try RunTask(model: $0)
            },
            locomotion("hopper-stand", "Planar one-legged hopper: stand upright with little effort", robot: "hopper",
                       version: Self.hopperVersion) {
                try HopTask(model: $0, speed: 0)
            },
            locomotion("hopper-hop", "Planar one-legged hopper: hop forward at 2 m/s", robot: "hopper",
                       version: Self.hopperVersion) {
                try HopTask(model: $0, speed: 2)
            },
            locomotion("humanoid-stand", "3-D humanoid: stand up tall and still", robot: "humanoid",
                       version: Self.humanoidVersion) {
                try HumanoidTask(model: $0, goal: .stand)
            },
            locomotion("humanoid-walk", "3-D humanoid: walk at 1 m/s in any direction", robot: "humanoid",
                       version: Self.humanoidVersion) {
                try HumanoidTask(model: $0, goal: .move(speed: 1))
            },
            locomotion("humanoid-run", "3-D humanoid: run at 10 m/s in any direction", robot: "humanoid",
                       version: Self.humanoidVersion) {
                try HumanoidTask(model: $0, goal: .move(speed: 10))
            },
            locomotion("humanoid-getup", "3-D humanoid: get up from lying on the back or front and stand tall",
                       robot: "humanoid", version: Self.humanoidVersion) {
                try HumanoidTask(model: $0, goal: .getUp)
            },
            locomotion("quadruped-walk", "3-D four-legged robot: walk forward at 0.5 m/s", robot: "quadruped",
                       version: Self.quadrupedVersion) {
                try QuadrupedTask(model: $0, speed: 0.5)
            },
            locomotion("quadruped-run", "3-D four-legged robot: run forward at 5 m/s", robot: "quadruped",
                       version: Self.quadrupedVersion) {
                try QuadrupedTask(model: $0, speed: 5)
            },
            // scaffold-environment adds new environments above this line.
        ]
    }()

    /// The robot models, parsed once per process.
    static let models: [String: Model] = RobotAssets.models.keys.reduce(into: [:]) { models, name in
        models[name] = try? Model(mjcf: RobotAssets.mjcf(name)!, source: "\(name).xml")
    }

    /// Refuses options: these environments take none.
    static func requireNoOptions(_ options: [String: String]) throws(EnvironmentError) {
        if let key = options.keys.sorted().first { throw .invalidOption("this environment takes no options, got '\(key)'") }
    }

    /// The walker, cheetah and hopper tasks' version. 2: contacts and joint limits are MuJoCo's
    /// soft constraints (default `solref` and `solimp`; dm_control's `solimplimit` on the walker)
    /// and friction MuJoCo's pyramidal cone, instead of ODE's near-rigid rows and hard friction,
    /// and the hinges have dm_control's armature (walker 0.01, cheetah 0.1, hopper 0.2).
    static let planarVersion = 2

    /// The cheetah task's version: the planar tasks' 2, then 3: the back foot folds to dm_control's
    /// −230° instead of stopping at −170°. 4: the root's angle in the observation goes on past ±π
    /// as MuJoCo's qpos does (a cheetah rolled over) instead of wrapping round.
    static let cheetahVersion = 4

    /// The hopper tasks' version: the planar tasks' 2, then 3: the foot is dm_control's one
    /// capsule, sensing touch at its toe and heel through touch sensors on sites, instead of two
    /// capsules each sensing its own. 4: the root's angle in the observation goes on past ±π, as
    /// the cheetah's 4.
    static let hopperVersion = 4

    /// The humanoid tasks' version. 2: the hips' three hinges are one gimbal (an ODE ball joint)
    /// instead of a universal joint, a light link and a hinge. 3: the armature of the hinges that
    /// are ODE hinges of their own (knees, ankles, elbows, `abdomen_x`) is a rotor in joint space, as MuJoCo's
    /// (`BodyLayout.hasRotor`), no longer inertia of the body they turn. 4: contacts and joint
    /// limits are MuJoCo's soft constraints, with dm_control's `solref`, `solimp` and `solimplimit`,
    /// and friction MuJoCo's pyramidal cone.
    /// Each changed trajectories.
    static let humanoidVersion = 4

    /// The quadruped tasks' version. 2: its hinges' armature is a rotor in joint space, as
    /// MuJoCo's, instead of inertia of the leg they turn, which gave the light torso the motors'
    /// whole reaction (random actions spun it at 17 rad/s on average; MuJoCo's Ant, 2 rad/s).
    /// 3: the observation has `torso_vertical` (the world's up axis in the torso's frame), so a
    /// robot lying on its back or side can tell which way it leans. 4: contacts and joint limits
    /// are MuJoCo's soft constraints (MuJoCo's default `solref` and `solimp`, as Ant-v5's) and
    /// friction MuJoCo's pyramidal cone.
    static let quadrupedVersion = 4

    /// A 1000-step locomotion task on a robot from `Assets/robots`.
    private static func locomotion(_ id: String, _ summary: String, robot: String, version: Int,
                                   task: @escaping @Sendable (Model) throws -> any PhysicsTask) -> EnvironmentSpec {
        let model = models[robot]!
        let parts = try! task(model).observationParts(on: model)
        return EnvironmentSpec(id: id, version: version, summary: summary, tags: ["locomotion", model.isPlanar ? "planar" : "3d", robot],
                               maxEpisodeSteps: 1000,
                               observationParts: parts, actionSize: model.actuators.count) { seed, options in
            try requireNoOptions(options)
            return PhysicsEnvironment(model: model, task: try task(model), seed: seed)
        }
    }
}
