import Foundation
import Testing

/// A run stopped with Ctrl-C and resumed ends with the same metrics, bit for bit, as one that
/// never stopped (wall time and throughput aside).
@Suite struct ResumeTests {
    /// The metrics without the wall-time and steps-per-second columns.
    func comparable(_ run: URL) throws -> [String] {
        let lines = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let dropped = Set(["wall_time", "steps_per_second"].compactMap { header.firstIndex(of: Substring($0)) })
        return lines.map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                .filter { !dropped.contains($0.offset) }.map(\.element).joined(separator: ",")
        }
    }

    /// Trains once straight through and once interrupted (`signal` once `stopAfter` steps are in
    /// the metrics) and resumed; compares the two.
    func check(_ arguments: [String], stopAfter: Int, signal: Int32 = SIGINT) throws {
        let folder = try temporaryFolder()
        let straight = try GaitProcess.run(["train"] + arguments + ["--out", "straight"], in: folder)
        #expect(straight.status == 0, "\(straight.stderr)")

        let running = try GaitProcess.start(["train"] + arguments + ["--out", "stopped"], in: folder)
        let metrics = folder.appendingPathComponent("stopped/metrics.csv")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: metrics, encoding: .utf8)) ?? ""
            let steps = text.split(separator: "\n").dropFirst().compactMap { Int($0.prefix { $0 != "," }) }
            if steps.contains(where: { $0 >= stopAfter }) { break }
            usleep(2_000)
        }
        kill(running.process.processIdentifier, signal)
        let stopped = try running.finish()
        #expect(stopped.status == 128 + signal, "the run should have been interrupted: \(stopped.stderr)")
        #expect(stopped.stderr.contains("checkpoint saved"))

        let resumed = try GaitProcess.run(["train", "--resume", "stopped"], in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("resuming"))
        #expect(resumed.lastLine == straight.lastLine)
        let expected = try comparable(folder.appendingPathComponent("straight"))
        #expect(try comparable(folder.appendingPathComponent("stopped")) == expected)
        #expect(expected.count > 20)
    }

    @Test func aRunWhoseEpisodesFolderWasRemovedResumesAndRecordsItsFinalEpisodes() throws {
        let folder = try temporaryFolder()
        let arguments = ["train", "pendulum", "--agent", "sac", "--set", "learning_starts=100", "--set", "hidden_size=16",
                         "--eval-episodes", "1"]
        #expect(try GaitProcess.run(arguments + ["--steps", "400", "--out", "run"], in: folder).status == 0)
        let episodes = folder.appendingPathComponent("run/episodes")
        try FileManager.default.removeItem(at: episodes)
        // A file where the folder was is named, with advice that fits a resume (which takes no --out).
        try Data().write(to: episodes)
        let blocked = try GaitProcess.run(["train", "--resume", "run", "--steps", "800"], in: folder)
        #expect(blocked.status != 0 && blocked.stderr.contains("episodes is a file, not a folder") && !blocked.stderr.contains("--out"),
                "\(blocked.stderr)")
        try FileManager.default.removeItem(at: episodes)
        let resumed = try GaitProcess.run(["train", "--resume", "run", "--steps", "800"], in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(FileManager.default.fileExists(atPath: episodes.appendingPathComponent("final-000.gaitep").path))
    }

    @Test func aRunWithCheckpointsButNoTrainingStateIsNotTrainedAgainOverThem() throws {
        let folder = try temporaryFolder()
        #expect(try GaitProcess.run(["train", "pendulum", "--agent", "sac", "--set", "learning_starts=100", "--set", "hidden_size=16",
                                     "--eval-episodes", "1", "--steps", "300", "--out", "run"], in: folder).status == 0)
        let checkpoint = folder.appendingPathComponent("run/checkpoints/300.safetensors")
        let saved = try Data(contentsOf: checkpoint)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("run/checkpoints/training-state.safetensors"))
        let resumed = try GaitProcess.run(["train", "--resume", "run", "--steps", "400"], in: folder)
        #expect(resumed.status != 0)
        #expect(resumed.stderr.contains("training-state.safetensors") && resumed.stderr.contains("300.safetensors"), "\(resumed.stderr)")
        #expect(try Data(contentsOf: checkpoint) == saved)
    }

    @Test func ctrlCDuringTheFinalEvaluationStopsWithStatus130() throws {
        let folder = try temporaryFolder()
        let running = try GaitProcess.start(["train", "pendulum", "--agent", "sac", "--steps", "500", "--set", "learning_starts=100",
                                             "--set", "hidden_size=16", "--eval-every", "1000000", "--eval-episodes", "100000",
                                             "--out", "long-eval"], in: folder)
        let checkpoint = folder.appendingPathComponent("long-eval/checkpoints/500.safetensors")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: checkpoint.path), Date() < deadline { usleep(10_000) }
        usleep(200_000)
        running.process.interrupt()
        let stopped = try running.finish()
        #expect(stopped.status == 130 && stopped.stderr.contains("interrupted during the final evaluation"), "\(stopped.stderr)")
    }

    @Test func sacResumesExactly() throws {
        try check(["pendulum", "--agent", "sac", "--steps", "30000", "--set", "learning_starts=300", "--set", "hidden_size=32",
                   "--set", "batch_size=32", "--eval-every", "3000", "--eval-episodes", "2", "--checkpoint-every", "10000"],
                  stopAfter: 4_000)
    }

    @Test("SIGTERM (kill, a scheduler) and SIGHUP (a closed terminal) stop as Ctrl-C does", arguments: [SIGTERM, SIGHUP])
    func otherSignalsStopWithACheckpoint(signal: Int32) throws {
        try check(["pendulum", "--agent", "sac", "--steps", "6000", "--set", "learning_starts=300", "--set", "hidden_size=16",
                   "--set", "batch_size=32", "--eval-every", "2000", "--eval-episodes", "1", "--checkpoint-every", "5000"],
                  stopAfter: 1_000, signal: signal)
    }

    @Test func ppoWithTwoCopiesResumesExactly() throws {
        try check(["walker-walk", "--agent", "ppo", "--envs", "2", "--steps", "24000", "--set", "num_steps=256",
                   "--eval-every", "8000", "--eval-episodes", "1", "--checkpoint-every", "16000"], stopAfter: 5_000)
    }
}
