import Foundation
import GaitNN
import Testing

/// A run directory is never written by two processes, never overwrites a user's files, never
/// keeps a half-written file, and resumes only from files that agree with each other.
@Suite struct RunSafetyTests {
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    func gait(_ arguments: [String]) throws -> GaitProcess { try GaitProcess.run(arguments, in: folder) }

    /// A short pendulum run with checkpoints every 500 steps.
    func shortRun(_ out: String, steps: Int = 1_000) throws -> URL {
        let result = try gait(["train", "pendulum", "--agent", "sac", "--steps", "\(steps)", "--set", "learning_starts=100",
                               "--set", "hidden_size=16", "--eval-every", "500", "--eval-episodes", "1",
                               "--checkpoint-every", "500", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        return folder.appendingPathComponent(out)
    }

    @Test func outRefusesAFolderHoldingOtherFilesAndLeavesThemAlone() throws {
        let mine = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("my numbers\n".utf8).write(to: mine.appendingPathComponent("metrics.csv"))
        let result = try gait(["train", "pendulum", "--agent", "sac", "--steps", "100", "--set", "learning_starts=10", "--out", "mine"])
        #expect(result.status != 0 && result.stderr.contains("already holds files") && result.stderr.contains("metrics.csv"))
        #expect(try String(contentsOf: mine.appendingPathComponent("metrics.csv"), encoding: .utf8) == "my numbers\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["metrics.csv"])

        // A configuration that fails leaves no folder behind.
        let failed = try gait(["train", "pendulum", "--agent", "sac", "--set", "buffer_size=1e11", "--out", "huge"])
        #expect(failed.status != 0 && failed.stderr.contains("would need about"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("huge").path))
    }

    @Test func aSecondTrainerIsRefusedWhileOneRunsAndAKilledOneLeavesNoLock() throws {
        let running = try GaitProcess.start(["train", "walker-stand", "--agent", "sac", "--steps", "1000000", "--out", "busy"], in: folder)
        let config = folder.appendingPathComponent("busy/config.json")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: config.path), Date() < deadline { usleep(20_000) }
        let second = try gait(["train", "--resume", "busy"])
        #expect(second.status != 0 && second.stderr.contains("another gait process (pid \(running.process.processIdentifier))"),
                "\(second.stderr)")
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.finish()
        // With no checkpoint yet, resuming starts the run again.
        let after = try GaitProcess.start(["train", "--resume", "busy"], in: folder)
        let restarted = Date().addingTimeInterval(60)
        var said = ""
        while !said.contains("from the start"), Date() < restarted {
            usleep(20_000)
            said = (try? String(contentsOf: after.outURL, encoding: .utf8)) ?? ""
        }
        kill(after.process.processIdentifier, SIGKILL)
        let killed = try after.finish()
        #expect(said.contains("resuming \(folder.appendingPathComponent("busy").path) from the start"), "\(killed.stderr)")
        #expect(!killed.stderr.contains("another gait process"), "\(killed.stderr)")
    }

    @Test func resumeRefusesFewerStepsThanDoneAndRemovesLeftovers() throws {
        let run = try shortRun("short")
        let config = try String(contentsOf: run.appendingPathComponent("config.json"), encoding: .utf8)
        let fewer = try gait(["train", "--resume", "short", "--steps", "100"])
        #expect(fewer.status != 0 && fewer.stderr.contains("already at step 1000"), "\(fewer.stderr)")
        #expect(try String(contentsOf: run.appendingPathComponent("config.json"), encoding: .utf8) == config)

        let leftover = run.appendingPathComponent("checkpoints/.1500.safetensors.partial")
        try Data([1, 2, 3]).write(to: leftover)
        let longer = try gait(["train", "--resume", "short", "--steps", "1.5e3"])
        #expect(longer.status == 0, "\(longer.stderr)")
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try String(contentsOf: run.appendingPathComponent("config.json"), encoding: .utf8).contains("\"steps\" : 1500"))
        let names = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("checkpoints").path)
        #expect(names.allSatisfy { !$0.hasPrefix(".") }, "no temporary files stay: \(names)")
    }

    @Test(arguments: [("trainer.steps", "-7"), ("trainer.steps", "400"), ("trainer.steps", "nan"),
                      ("trainer.episode_lengths", "1e300"), ("gait.step", "1e300")])
    func resumeRefusesAnEditedTrainingState(key: String, value: String) throws {
        let run = try shortRun("edited")
        let stateURL = run.appendingPathComponent("checkpoints/training-state.safetensors")
        var state = try Safetensors(contentsOf: stateURL)
        state.metadata[key] = value
        try state.write(to: stateURL)
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let result = try gait(["train", "--resume", "edited", "--steps", "2000"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8) == metrics)
        #expect(try String(contentsOf: run.appendingPathComponent("config.json"), encoding: .utf8).contains("\"steps\" : 1000"))
    }

    /// A hand edit of config.json would not apply (the optimisers' saved state keeps the old
    /// learning rates) or would make the resumed run differ from an uninterrupted one: refused.
    /// A damaged one is refused with the setting it gets wrong (not as "not valid JSON").
    @Test(arguments: [("\"policy_lr\" : 0.0003", "\"policy_lr\" : 0.001", ["policy_lr 0.0003 → 0.001", "undo the edit"]),
                      ("\"gamma\" : 0.99", "\"gamma\" : 0.9", ["gamma 0.99 → 0.9", "undo the edit"]),
                      ("\"seed\" : 1,", "\"seed\" : 2,", ["seed 1 → 2", "undo the edit"]),
                      ("\"seed\" : 1,", "\"seed\" : 1.5,", ["'1.5' for seed", "whole number"]),
                      ("\"seed\" : 1,", "\"seed\" : 9007199254740993,", ["'9007199254740993' for seed"]),
                      ("\"envs\" : 1,", "\"envs\" : \"one\",", ["envs", "Double", "string"]),
                      ("\"envs\" : 1,", "", ["envs: missing"])])
    func resumeRefusesAnEditedConfiguration(original: String, edit: String, mentions: [String]) throws {
        let run = try shortRun("edited-config", steps: 500)
        let url = run.appendingPathComponent("config.json")
        let config = try String(contentsOf: url, encoding: .utf8)
        #expect(config.contains(original), "\(config)")
        try config.replacingOccurrences(of: original, with: edit).write(to: url, atomically: true, encoding: .utf8)
        let result = try gait(["train", "--resume", "edited-config", "--steps", "1000"])
        #expect(result.status == 1 && mentions.allSatisfy(result.stderr.contains) && !result.stderr.contains("not valid JSON"),
                "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        try config.write(to: url, atomically: true, encoding: .utf8)
        let undone = try gait(["train", "--resume", "edited-config", "--steps", "1000"])
        #expect(undone.status == 0, "\(undone.stderr)")
    }

    @Test func noCommandWritesOverItsInputOrAnotherKindOfFile() throws {
        let run = try shortRun("outputs")
        let episode = run.appendingPathComponent("episodes/final-000.gaitep")
        let recorded = try Data(contentsOf: episode)
        let notes = folder.appendingPathComponent("notes.txt")
        try Data("my notes\n".utf8).write(to: notes)
        try Data("not a video\n".utf8).write(to: folder.appendingPathComponent("notes.mp4"))
        try Data("not a picture\n".utf8).write(to: folder.appendingPathComponent("notes.svg"))
        for (arguments, complaint) in [
            (["replay", episode.path, "--html", episode.path], "is this command's input"),
            (["replay", episode.path, "--html", notes.path], "is not an HTML page"),
            (["replay", episode.path, "--video", "notes.mp4"], "is not a video"),
            (["replay", episode.path, "--html", folder.path], "is a folder"),
            (["plot", run.path, "--out", "notes.svg"], "is not an SVG image"),
        ] {
            let refused = try gait(arguments)
            #expect(refused.status != 0 && refused.stderr.contains(complaint), "\(refused.stderr)")
            #expect(complaint == "is a folder" || refused.stderr.contains("--force"), "\(refused.stderr)")
        }
        #expect(try Data(contentsOf: episode) == recorded)
        #expect(try String(contentsOf: notes, encoding: .utf8) == "my notes\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.svg"), encoding: .utf8) == "not a picture\n")

        // Files of the command's own kind are replaced, and --force replaces anything but a folder.
        for arguments in [["replay", episode.path, "--html", run.appendingPathComponent("replay.html").path],
                          ["plot", run.path, "--out", run.appendingPathComponent("curve.svg").path],
                          ["replay", episode.path, "--html", notes.path, "--force"]] {
            let written = try gait(arguments)
            #expect(written.status == 0, "\(written.stderr)")
        }
        #expect(try String(contentsOf: notes, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }
}
