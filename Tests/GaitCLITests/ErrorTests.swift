import Foundation
import Testing

/// Each kind of bad input is one `error:` line on stderr and a non-zero exit, never a crash.
@Suite struct ErrorTests {
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    /// Runs gait and checks the failure shape; returns the error line.
    @discardableResult
    func failure(_ arguments: [String], mentions phrases: [String], variables: [String: String] = [:]) throws -> String {
        let result = try GaitProcess.run(arguments, in: folder, variables: variables)
        #expect(result.status != 0, "\(arguments) should fail")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line on stderr, got: \(result.stderr)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("error: "))
        for phrase in phrases { #expect(line.contains(phrase), "'\(line)' should mention '\(phrase)'") }
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        return line
    }

    @Test func unknownEnvironmentSuggestsClosest() throws {
        try failure(["train", "walkr-run", "--agent", "sac"], mentions: ["walkr-run", "did you mean", "walker-run"])
        try failure(["check", "cheeta-run"], mentions: ["cheetah-run"])
    }

    @Test func unknownAgent() throws {
        try failure(["train", "pendulum", "--agent", "dqn"], mentions: ["dqn", "sac", "ppo"])
    }

    @Test func unknownConfigKeyIsNamedWithTheValidOnes() throws {
        try failure(["train", "pendulum", "--agent", "sac", "--set", "learning_rate=0.1"],
                    mentions: ["learning_rate", "policy_lr", "q_lr", "steps"])
        let config = folder.appendingPathComponent("bad.yaml")
        try "batch_size: 64\nbatchsize: 32\n".write(to: config, atomically: true, encoding: .utf8)
        try failure(["train", "pendulum", "--agent", "sac", "--config", config.path], mentions: ["batchsize", "batch_size"])
    }

    @Test func invalidValues() throws {
        try failure(["train", "pendulum", "--agent", "sac", "--steps=-5"], mentions: ["-5", "steps"])
        try failure(["train", "pendulum", "--agent", "sac", "--steps", "many"], mentions: ["many"])
        try failure(["train", "pendulum", "--agent", "sac", "--set", "gamma=high"], mentions: ["gamma", "number"])
        try failure(["train", "pendulum", "--agent", "sac", "--set", "gamma=2"], mentions: ["gamma"])
        let config = folder.appendingPathComponent("bad.json")
        try #"{"batch_size": "big"}"#.write(to: config, atomically: true, encoding: .utf8)
        try failure(["train", "pendulum", "--agent", "sac", "--config", config.path], mentions: ["batch_size", "number"])
        try failure(["bench", "env", "pendulum", "--steps", "0"], mentions: ["--steps"])
        try failure(["bench", "agent", "sac", "--env", "pendulum", "--steps", "\(Int.max)"], mentions: ["--steps", "1000000000000"])
        // A negative number is a value, not a missing one.
        for arguments in [["check", "pendulum", "--seed", "-1"], ["eval", "run", "--seed", "-1"],
                          ["replay", "episode.gaitep", "--width", "-1"], ["replay", "episode.gaitep", "--height", "-5"],
                          ["plot", "run", "--smooth", "-1"]] {
            let line = try failure(arguments, mentions: [arguments[arguments.count - 2]])
            #expect(!line.contains("Missing value"), "\(line)")
        }
        let controls = try failure(["model", "missing.xml", "--simulate", "0.01", "--controls", "-1 2"], mentions: ["missing.xml"])
        #expect(!controls.contains("Missing value"), "\(controls)")
        try failure(["train", "pendulum", "--agent", "ppo", "--set", "num_steps=16"], mentions: ["num_minibatches", "num_steps × envs (16)"])
        // One past 2^53 would round to a seed in range as a double.
        try failure(["train", "pendulum", "--agent", "sac", "--seed", "9007199254740993"], mentions: ["seed", "9007199254740991"])
        try failure(["train", "pendulum", "--agent", "sac", "--set", "seed=9007199254740993"], mentions: ["seed", "9007199254740991"])
    }

    @Test func onlyAnOnOffSettingTakesTrueOrFalse() throws {
        try failure(["train", "pendulum", "--agent", "sac", "--set", "batch_size=true"], mentions: ["batch_size", "not on/off", "1 to"])
        let config = folder.appendingPathComponent("switches.yaml")
        try "seed: yes\n".write(to: config, atomically: true, encoding: .utf8)
        try failure(["train", "pendulum", "--agent", "sac", "--config", config.path], mentions: ["seed", "not on/off"])
        try failure(["train", "--resume", "some-run", "--set", "steps=false"], mentions: ["steps", "not on/off"])
        try failure(["train", "pendulum", "--agent", "reinforce", "--set", "estimator=true"], mentions: ["estimator", "not on/off"])
        let trained = try GaitProcess.run(["train", "pendulum", "--agent", "sac", "--steps", "300", "--set", "learning_starts=100",
                                           "--set", "layer_norm=true", "--set", "hidden_size=8", "--eval-every", "300",
                                           "--eval-episodes", "1", "--out", "switched"], in: folder)
        #expect(trained.status == 0, "\(trained.stderr)")
        let saved = try String(contentsOf: folder.appendingPathComponent("switched/config.json"), encoding: .utf8)
        #expect(saved.contains("\"layer_norm\" : 1"), "\(saved)")
    }

    @Test func aRunSettingIsCheckedEvenWhenAFlagReplacesIt() throws {
        try failure(["train", "pendulum", "--agent", "sac", "--set", "steps=1e300", "--steps", "100"], mentions: ["steps", "1e+300"])
    }

    @Test func aConfigFileSaysWhereTheAgentIsChosen() throws {
        let config = folder.appendingPathComponent("agent.yaml")
        try "agent: ppo\n".write(to: config, atomically: true, encoding: .utf8)
        try failure(["train", "pendulum", "--agent", "sac", "--config", config.path], mentions: ["agent", "command line"])
    }

    @Test func aByteOrderMarkBeforeATextFileIsIgnored() throws {
        let config = folder.appendingPathComponent("marked.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array("hidden_size: 8\n".utf8)).write(to: config)
        let trained = try GaitProcess.run(["train", "pendulum", "--agent", "sac", "--steps", "300", "--set", "learning_starts=100",
                                           "--eval-every", "300", "--eval-episodes", "1", "--config", config.path, "--out", "run"], in: folder)
        #expect(trained.status == 0, "\(trained.stderr)")
        let saved = try String(contentsOf: folder.appendingPathComponent("run/config.json"), encoding: .utf8)
        #expect(saved.contains("\"hidden_size\" : 8"), "\(saved)")
    }

    @Test func hostileConfigurationFilesAreRefusedQuickly() throws {
        var bomb = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for level in 1...12 { bomb.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let files: [(String, Data, String)] = [
            ("bomb.yaml", Data(bomb.joined(separator: "\n").utf8), "line 2: an alias"),
            ("flow-key.yaml", Data("a: &a [1, 2]\nb: [0, *a:.x]\n".utf8), "line 2: an alias"),
            ("map-key.yaml", Data("a: &a [1, 2]\nb: {c: 1, *a}\n".utf8), "line 2: an alias"),
            ("many.yaml", Data(("x: [" + Array(repeating: "0", count: 10_001).joined(separator: ",") + "]").utf8), "more than 10000 values"),
            ("deep.yaml", Data(("x: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)).utf8), "nest"),
            ("utf16.yaml", "batch_size: 256\n".data(using: .utf16)!, "UTF-16"),
            ("binary.yaml", Data((0...255).map { UInt8($0) }), "binary"),
            ("large.yaml", Data(repeating: UInt8(ascii: "#"), count: 1 << 17), "bytes"),
        ]
        for (name, data, phrase) in files {
            try data.write(to: folder.appendingPathComponent(name))
            try failure(["train", "pendulum", "--agent", "sac", "--config", name], mentions: [name, phrase])
            try failure(["envs", "add", name], mentions: [name, phrase])
        }
        mkfifo(folder.appendingPathComponent("pipe.yaml").path, 0o644)
        try failure(["train", "pendulum", "--agent", "sac", "--config", "pipe.yaml"], mentions: ["pipe"])
        try failure(["train", "pendulum", "--agent", "sac", "--config", "/dev/zero"], mentions: ["device"])
        try failure(["eval", "/dev/zero"], mentions: ["device"])
        try failure(["replay", "/dev/zero"], mentions: ["device"])
    }

    @Test func numbersThatCannotBeCountsOrAllocationsAreRefused() throws {
        try failure(["train", "pendulum", "--agent", "sac", "--steps", "-1"], mentions: ["-1", "steps"])
        try failure(["train", "pendulum", "--agent", "sac", "--steps", "1.5e3", "--set", "learning_starts=5000"], mentions: ["1500"])
        try failure(["train", "pendulum", "--agent", "sac", "--steps", "2.5"], mentions: ["2.5", "whole number"])
        try failure(["train", "pendulum", "--agent", "sac", "--set", "batch_size=1e30"], mentions: ["batch_size", "whole number"])
        try failure(["train", "pendulum", "--agent", "sac", "--set", "buffer_size=1e12"], mentions: ["buffer_size", "GB"])
        try failure(["train", "pendulum", "--agent", "ppo", "--set", "num_steps=1e9"], mentions: ["GB"])
        let small = ["train", "pendulum", "--agent", "sac", "--steps", "2000"]
        try failure(small, mentions: ["more than the 1 MB allowed (GAIT_MEMORY_LIMIT_MB)"], variables: ["GAIT_MEMORY_LIMIT_MB": "1"])
        // SAC's default buffer (74 MB on pendulum) and networks (23 MB) each fit 90 MB, together not.
        try failure(["train", "pendulum", "--agent", "sac"], mentions: ["buffer of 1000000 transitions (74 MB) beside the agent's networks (22.6 MB)", "more than the 90 MB allowed"],
                    variables: ["GAIT_MEMORY_LIMIT_MB": "90"])
        for malformed in ["lots", "0", "-5", "nan", "1e400", ""] {
            try failure(small, mentions: ["GAIT_MEMORY_LIMIT_MB", "'\(malformed)'", "megabytes"], variables: ["GAIT_MEMORY_LIMIT_MB": malformed])
        }
        try failure(["train", "pendulum", "--agent", "sac", "--set", "envs=1e9"], mentions: ["envs", "64"])
    }

    @Test func plotRefusesANameThatIsNotSVG() throws {
        try failure(["plot", "some-run", "--out", "curve.png"], mentions: ["curve.png", ".svg"])
    }

    @Test func aRunTooShortToLearnIsRefused() throws {
        try failure(["train", "pendulum", "--agent", "sac", "--steps", "3000", "--set", "learning_starts=5000"],
                    mentions: ["first learns after 5001 steps", "learning_starts"])
        try failure(["train", "pendulum", "--agent", "ppo", "--steps", "3000", "--envs", "2"], mentions: ["first learns after 4096 steps"])
    }

    @Test func missingOrCorruptedCheckpoint() throws {
        try failure(["eval", "no-such-run"], mentions: ["no-such-run"])
        let damaged = folder.appendingPathComponent("100.safetensors")
        try Data([1, 2, 3]).write(to: damaged)
        try failure(["eval", damaged.path], mentions: ["100.safetensors", "truncated"])
        try Data("{not a run".utf8).write(to: folder.appendingPathComponent("config.json"))
        try failure(["train", "--resume", folder.path], mentions: ["config.json"])
        // Another kind of file, even one from the run's own folder, is not called a damaged checkpoint.
        let others = [("config.json", #"{"agent": "sac", "environment": "pendulum"}"#), ("metrics.csv", "step,return\n1,2\n")]
        for (name, text) in others {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
            try failure(["eval", folder.appendingPathComponent(name).path], mentions: [name, "is not a checkpoint", "run's folder"])
        }
    }

    @Test func modelSimulationArgumentsThatCannotBeMet() throws {
        let model = folder.appendingPathComponent("arm.xml")
        try Data(#"""
            <mujoco><option timestep="0.01"/><worldbody><body><joint name="j" type="hinge"/><geom type="capsule" size="0.05" fromto="0 0 0 1 0 0"/></body></worldbody>
            <actuator><motor joint="j"/></actuator><keyframe><key qpos="0.5"/></keyframe></mujoco>
            """#.utf8).write(to: model)
        try failure(["model", model.path, "--simulate", "0.001"], mentions: ["0.001", "half of one physics step", "0.01"])
        try failure(["model", model.path, "--simulate", "0.1", "--controls", ""], mentions: ["--controls", "1 numbers"])
        try failure(["model", model.path, "--simulate", "0.1", "--keyframe", "up"], mentions: ["no keyframe 'up'", "no named keyframes"])
    }

    @Test func missingOrCorruptedEpisode() throws {
        try failure(["replay", "missing.gaitep", "--verify"], mentions: ["missing.gaitep"])
        let damaged = folder.appendingPathComponent("bad.gaitep")
        try Data("GAITEPIS\u{1}\0\0\0garbage".utf8).write(to: damaged)
        try failure(["replay", damaged.path, "--verify"], mentions: ["bad.gaitep"])
    }

    @Test func unwritableOutputDirectory() throws {
        let file = folder.appendingPathComponent("a-file")
        try Data().write(to: file)
        try failure(["train", "pendulum", "--agent", "sac", "--out", file.appendingPathComponent("run").path],
                    mentions: ["cannot create the run directory", "a-file is a file, not a folder"])
    }
}
