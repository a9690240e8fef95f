import Foundation
import Testing

/// Each kind of bad input is one `error:` line on stderr and a non-zero exit, never a crash.
@Suite struct ErrorTests {
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    /// Runs gait and checks the failure shape; returns the error line.
    @discardableResult
    func failure(_ arguments: [String], mentions phrases: [String]) throws -> String {
        let result = try GaitProcess.run(arguments, in: folder)
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
    }

    @Test func missingOrCorruptedCheckpoint() throws {
        try failure(["eval", "no-such-run"], mentions: ["no-such-run"])
        let damaged = folder.appendingPathComponent("100.safetensors")
        try Data([1, 2, 3]).write(to: damaged)
        try failure(["eval", damaged.path], mentions: ["100.safetensors", "truncated"])
        try Data("{not a run".utf8).write(to: folder.appendingPathComponent("config.json"))
        try failure(["train", "--resume", folder.path], mentions: ["config.json"])
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
                    mentions: ["cannot create the run directory"])
    }
}
