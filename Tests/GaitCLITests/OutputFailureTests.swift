import Foundation
import Testing

/// Writes that fail (a full disk, a full or closed standard output) end a command with one error
/// and a non-zero status, never a crash; a run stopped by a full disk resumes exactly once there
/// is room again.
@Suite struct OutputFailureTests {
    let folder: URL
    let gait = GaitProcess.binary.path

    init() throws { folder = try temporaryFolder() }

    func shell(_ command: String) throws -> (status: Int32, output: String) {
        try GaitCLITests.shell(command, in: folder, variables: ["GAIT_ENV_PATH": folder.appendingPathComponent(".no-user-environments").path])
    }

    func text(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }

    /// The rows of a metrics file without the wall-time and steps-per-second columns.
    func comparableMetrics(_ name: String) throws -> [String] {
        let lines = try text(name).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let dropped = Set(["wall_time", "steps_per_second"].compactMap { header.firstIndex(of: Substring($0)) })
        return lines.map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                .filter { !dropped.contains($0.offset) }.map(\.element).joined(separator: ",")
        }
    }

    @Test("a disk that fills during training stops it with one error; after freeing space, --resume is exact",
          arguments: [(16, 4000, "cannot append to it"), (96, 1000, "cannot write the checkpoint"),
                      (160, 1000, "cannot write the checkpoint")])
    func fullDisk(freeKilobytes: Int, checkpointEvery: Int, failingWrite: String) throws {
        let training = "pendulum --agent sac --steps 4000 --set learning_starts=200 --set hidden_size=16 --set buffer_size=4000 "
            + "--eval-every 1000 --eval-episodes 1 --checkpoint-every \(checkpointEvery)"
        let straight = try shell("'\(gait)' train \(training) --out straight >/dev/null")
        #expect(straight.status == 0, "\(straight.output)")
        // A small private disk (a tmpfs in a mount namespace of this process's own), nearly
        // filled, that training fills; then the filler is removed and the run resumed.
        let script = """
            set -u
            mkdir disk && mount -t tmpfs -o size=2m gait-disk disk || exit 90
            head -c $(( 2048 * 1024 - \(freeKilobytes) * 1024 )) /dev/zero > disk/filler 2>/dev/null
            '\(gait)' train \(training) --out disk/run > full.out 2> full.err
            echo $? > full.status
            rm disk/filler
            '\(gait)' train --resume disk/run > resumed.out 2> resumed.err
            echo $? > resumed.status
            cp disk/run/metrics.csv resumed-metrics.csv
            """
        try Data(script.utf8).write(to: folder.appendingPathComponent("full-disk.sh"))
        let namespace = try shell("unshare --mount --map-root-user sh full-disk.sh")
        #expect(namespace.status == 0, "unshare and mount need user namespaces: \(namespace.output)")

        let stopped = try text("full.err")
        #expect(try text("full.status") == "1\n", "\(stopped)")
        #expect(stopped.hasPrefix("error: ") && stopped.split(separator: "\n").count == 1, "one error line: \(stopped)")
        #expect(stopped.contains(failingWrite) && stopped.lowercased().contains("no space left on device"), "\(stopped)")
        #expect(stopped.contains("once there is room, 'gait train --resume"), "\(stopped)")
        let resumed = try text("resumed.err")
        #expect(try text("resumed.status") == "0\n", "\(resumed)")
        #expect(try comparableMetrics("resumed-metrics.csv") == comparableMetrics("straight/metrics.csv"))
    }

    @Test func resultsThatCannotReachStandardOutputAreAnError() throws {
        let full = try shell("'\(gait)' envs --json > /dev/full")
        #expect(full.status == 1 && full.output.hasPrefix("error: cannot write to standard output"), "\(full.output)")
        #expect(full.output.contains("No space left on device"))
    }

    @Test func trainingSurvivesAClosedStandardOutput() throws {
        // The reader has exited before gait starts, so every write to stdout fails (EPIPE).
        let piped = try shell("{ sleep 1; '\(gait)' train pendulum --agent sac --steps 3000 --set learning_starts=200 --set hidden_size=16 "
                              + "--eval-every 1000 --eval-episodes 1 --out run; echo \"status $?\" >&2; } | true")
        #expect(piped.output.contains("status 1") && piped.output.contains("error: cannot write to standard output"), "\(piped.output)")
        for file in ["replay.html", "curve.svg", "checkpoints/3000.safetensors", "episodes/final-000.gaitep"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("run/\(file)").path), "\(file)")
        }
    }
}
