import Foundation
import GaitAgents
import GaitRuns
import GaitAssets
import GaitCore
import GaitEnvs
import GaitNN
import GaitPhysics

/// The file readers a fuzzer feeds arbitrary bytes: each takes what a user could hand Gait and
/// goes as far as the command line would with it (load, then simulate, restore or replay). Any
/// input must end in a returned or thrown error, never a crash, a trap or a hang; `gait-fuzz`
/// runs them under libFuzzer, and the tests replay the inputs kept in `Tests/FuzzInputs/`.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case mjcf = "mjcf"
    case environmentFile = "environment-file"
    case configFile = "config-file"
    case checkpoint = "checkpoint"
    case trainingState = "training-state"
    case episode = "episode"
    case snapshot = "snapshot"

    /// Feeds `data` to the reader; errors are the expected outcome and are ignored. Checksums are
    /// not verified: a changed byte would otherwise stop nearly every input there.
    public func run(_ data: Data) {
        do {
            switch self {
            case .mjcf: try Self.simulate(Model(mjcf: String(decoding: data, as: UTF8.self), source: "fuzz.xml"))
            case .environmentFile: try Self.readEnvironmentFile(String(decoding: data, as: UTF8.self))
            case .configFile: try Self.readConfigFile(String(decoding: data, as: UTF8.self))
            case .checkpoint:
                let (agent, config, _) = try AgentCheckpoint.read(StateDictionary(Safetensors(decoding: data, verifyingChecksum: false)),
                                                                  path: "fuzz.safetensors", registry: Self.registry)
                _ = agent.act(Matrix(rows: 1, columns: try Self.registry.spec(config.environment).observationSize), explore: false)
            case .trainingState: try Self.restoreTrainingState(StateDictionary(Safetensors(decoding: data, verifyingChecksum: false)))
            case .episode: try Self.replay(Episode(decoding: data, verifyingChecksum: false))
            case .snapshot: try Self.restoreSnapshot(data)
            }
        } catch {}
    }

    /// Valid inputs to start from, built with the current formats.
    public func seeds() throws -> [Data] {
        switch self {
        case .mjcf:
            return RobotAssets.models.keys.sorted().compactMap { RobotAssets.mjcf($0) }.map { Data($0.utf8) }
        case .environmentFile:
            return [
                "id: tall-walker\nmodel: walker\ntask: walk\ntorso: torso\ntarget_speed: 2\ntags: [custom]\n",
                "id: quick-hopper\nmodel: hopper\ntask: hop\ntorso: torso\nfoot: foot\nepisode_steps: 300\n",
                "id: humanoid-stand-ar2\nmodel: humanoid\ntask: humanoid\naction_repeat: 2\n",
                "{\"id\": \"cheetah-sprint\", \"model\": \"cheetah\", \"task\": \"run\", \"torso\": \"torso\", \"target_speed\": 12}\n",
                "id: quadruped-east\nmodel: quadruped\ntask: quadruped\nforward: world\ntarget_speed: 1\n",
            ].map { Data($0.utf8) }
        case .configFile:
            return ["batch_size: 64\nlearning_starts: 100\nsteps: 5000\n", "{\"gamma\": 0.98, \"tau\": 0.01, \"envs\": 2}\n",
                    "agent: ppo\nnum_steps: 128\nnum_minibatches: 4\n"].map { Data($0.utf8) }
        case .checkpoint:
            let (agent, config) = try Self.smallAgent()
            return [try AgentCheckpoint.state(of: agent, config: config, step: 200).file.encoded()]
        case .trainingState:
            let trainer = try Self.smallTrainer()
            try trainer.train(until: 200, report: { _ in })
            var state = StateDictionary()
            trainer.save(into: &state)
            return [state.file.encoded()]
        case .episode:
            var episodes: [Episode] = []
            let spec = try Self.registry.spec("pendulum")
            let recorder = EpisodeRecorder(try spec.make(), spec: spec, snapshotInterval: 50) { episodes.append($0) }
            _ = try recorder.reset(seed: 3)
            while episodes.isEmpty { _ = try recorder.step([0.5]) }
            return episodes.map { $0.encoded() }
        case .snapshot:
            return try Self.snapshotEnvironments.indices.map { index in
                let spec = try Self.registry.spec(Self.snapshotEnvironments[index])
                let environment = try spec.make()
                _ = try environment.reset(seed: 2)
                for _ in 0..<10 { _ = try environment.step([Float](repeating: 0.3, count: spec.actionSize)) }
                return Data([UInt8(index)] + environment.snapshot().encoded(environment: spec.id, version: spec.version))
            }
        }
    }

    // MARK: What each target does with its input

    /// The built-in environments (a user's own stay out of fuzzing).
    private static let registry = try! EnvironmentRegistry(plugins: [BuiltinEnvironments.self])

    /// Steps a loaded model with full controls, as an environment would.
    private static func simulate(_ model: Model) throws {
        let simulation = Simulation(model: model)
        let controls = [Double](repeating: 1, count: model.actuators.count)
        for _ in 0..<20 { try simulation.step(controls: controls) }
    }

    private static func readEnvironmentFile(_ text: String) throws {
        let fields = try YAMLFile.map(text: text, path: "fuzz.yaml", kind: "an environment file", example: "id: tall-walker")
        let spec = try EnvironmentDefinition(fields: fields, source: "fuzz.yaml", directory: URL(fileURLWithPath: "/nonexistent")).spec()
        let environment = try spec.make()
        _ = try environment.reset(seed: 1)
        for _ in 0..<10 { _ = try environment.step([Float](repeating: 0.5, count: spec.actionSize)) }
    }

    private static func readConfigFile(_ text: String) throws {
        var overrides = SettingOverrides()
        try overrides.merge(map: YAMLFile.map(text: text, path: "fuzz.yaml", kind: "a config file", example: "batch_size: 256"),
                            path: "fuzz.yaml")
        _ = try overrides.runSettings()
        let agents = AgentRegistry.builtin
        for agent in agents.names {
            _ = try? agents.make(agent, observationSize: 3, actionSize: 1, overrides: overrides.hyperparameters, seed: 1)
        }
    }

    /// The environments whose snapshots are fuzzed: an input's first byte picks one, the rest
    /// are snapshot bytes restored into it, which is then stepped.
    private static let snapshotEnvironments = ["pendulum", "lqr", "walker-walk", "cheetah-run", "hopper-hop", "humanoid-stand", "quadruped-walk"]

    private static func restoreSnapshot(_ data: Data) throws {
        guard let first = data.first else { return }
        let spec = try registry.spec(snapshotEnvironments[Int(first) % snapshotEnvironments.count])
        let snapshot = try EnvironmentSnapshot(encoded: Array(data.dropFirst()), environment: spec.id, version: spec.version,
                                               verifyingChecksum: false)
        let environment = try spec.make()
        _ = try environment.reset(seed: 1)
        try environment.restore(snapshot)
        for _ in 0..<5 { _ = try environment.step([Float](repeating: 1, count: spec.actionSize)) }
    }

    private static func restoreTrainingState(_ state: StateDictionary) throws {
        let trainer = try smallTrainer()
        try trainer.restore(from: state)
    }

    private static func replay(_ episode: Episode) throws {
        let registry = Self.registry
        _ = try EpisodeReplay.replay(episode, registry: registry)
        _ = try ReplayPage.render(episode, registry: registry)
    }

    /// A small SAC agent on the pendulum, with its run configuration.
    private static func smallAgent() throws -> (any Agent, RunConfig) {
        let hyperparameters: [String: Double] = ["hidden_size": 8, "buffer_size": 256, "batch_size": 8, "learning_starts": 50]
        let agent = try AgentRegistry.builtin.make("sac", observationSize: 3, actionSize: 1, overrides: hyperparameters, seed: 1)
        let config = RunConfig(gaitVersion: GaitVersion.current, environment: "pendulum", environmentVersion: 1, agent: "sac",
                               settings: try RunSettings(["steps": 1_000, "eval_every": 1_000, "eval_episodes": 1, "checkpoint_every": 1_000]),
                               hyperparameters: Dictionary(uniqueKeysWithValues: agent.hyperparameters.all.map { ($0.name, $0.value) }),
                               created: "2026-01-01T00:00:00Z")
        return (agent, config)
    }

    /// A trainer of the small agent on one pendulum.
    private static func smallTrainer() throws -> Trainer {
        let spec = try Self.registry.spec("pendulum")
        return try Trainer(spec: spec, agent: try smallAgent().0, settings: .init(copies: 1, seed: 1, evaluationInterval: 1_000,
                                                                               evaluationEpisodes: 0, logInterval: 1_000))
    }
}
