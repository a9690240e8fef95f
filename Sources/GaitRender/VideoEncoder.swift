import Foundation
import GaitCore
import Synchronization

/// Encodes RGB frames into an H.264 `.mp4` or a `.gif` with ffmpeg: frames go to ffmpeg through a
/// pipe, ffmpeg writes a temporary file, and the finished video replaces the target whole
/// (`DurableFile`), so an interrupted encoding never leaves half a video. An ffmpeg that neither
/// uses CPU time nor waits to run or for the disk, for `stallLimit` seconds while a frame waits or
/// the video is being finished, is stopped, and a video whose frame count (by ffprobe) is not the
/// frames given is an error.
public final class VideoEncoder {
    /// The formats written, by file extension.
    public enum Format: String, CaseIterable, Sendable { case mp4, gif }

    /// Seconds ffmpeg may go idle (no CPU time used, no thread runnable or waiting for the disk),
    /// while a frame waits or the video is being finished, before it counts as stalled.
    public static let stallLimit = 60.0

    private let process = Process()
    private let input = Pipe()
    private let target: URL
    private let temporary: URL
    private let log: URL
    private let frameBytes: Int
    private var frames = 0
    private let watch = Watch()

    /// What the watchdog thread shares with the encoder.
    private final class Watch: Sendable {
        /// When the current write to ffmpeg, or the wait for it to finish, began (0: none).
        let busySince = Atomic<Double>(0)
        /// Whether the watchdog stopped ffmpeg.
        let stalled = Atomic<Bool>(false)
        /// Set when the encoder no longer needs the watchdog.
        let done = Atomic<Bool>(false)
    }

    /// Starts ffmpeg for a video of `width` × `height` frames at `framesPerSecond`, to be written
    /// to `target` (its extension picks the format).
    public init(target: URL, width: Int, height: Int, framesPerSecond: Double) throws(RenderError) {
        guard let format = Format(rawValue: target.pathExtension.lowercased()) else { throw .unsupportedFormat(target.path) }
        guard let ffmpeg = Self.locate("ffmpeg") else {
            throw .encoder("ffmpeg is not installed; install it (scripts/setup, or apt-get install ffmpeg)")
        }
        self.target = target
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("gait-video-\(getpid())-\(UUID().uuidString)")
        (temporary, log, frameBytes) = (stem.appendingPathExtension(format.rawValue), stem.appendingPathExtension("log"), width * height * 3)
        let output: [String] = switch format {
        case .mp4: ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-f", "mp4"]
        case .gif: ["-vf", "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse", "-f", "gif"]
        }
        process.executableURL = ffmpeg
        process.arguments = ["-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)",
                             "-framerate", String(format: "%.6f", framesPerSecond), "-i", "pipe:0", "-an"] + output + [temporary.path]
        process.standardInput = input
        // Neither end of ffmpeg's input may pass to another child this process starts (a test's
        // shell, the host's subprocess): one holding the writing end keeps ffmpeg waiting for the
        // frames' end after `finish` closed it. ffmpeg's own stdin is a copy, without the flag.
        for end in [input.fileHandleForReading, input.fileHandleForWriting] { _ = fcntl(end.fileDescriptor, F_SETFD, FD_CLOEXEC) }
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log.path)
        // A write to an ffmpeg that died must fail as an error, not end this process.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            throw .encoder("cannot start \(ffmpeg.path): \(error.localizedDescription)")
        }
        startWatchdog()
    }

    deinit {
        watch.done.store(true, ordering: .relaxed)
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: temporary)
        try? FileManager.default.removeItem(at: log)
    }

    /// Adds one frame (width × height × 3 bytes, rows from the top).
    public func append(_ pixels: [UInt8]) throws(RenderError) {
        precondition(pixels.count == frameBytes, "a frame has the wrong size")
        watch.busySince.store(Date().timeIntervalSince1970, ordering: .relaxed)
        defer { watch.busySince.store(0, ordering: .relaxed) }
        do {
            try input.fileHandleForWriting.write(contentsOf: pixels)
            frames += 1
        } catch {
            throw .encoder("ffmpeg stopped reading frames\(failure())")
        }
    }

    /// Finishes the video and puts it in place.
    public func finish() throws(RenderError) {
        try? input.fileHandleForWriting.close()
        watch.busySince.store(Date().timeIntervalSince1970, ordering: .relaxed)
        process.waitUntilExit()
        watch.done.store(true, ordering: .relaxed)
        guard process.terminationStatus == 0 else { throw .encoder("ffmpeg exited with status \(process.terminationStatus)\(failure())") }
        if let written = Self.frameCount(of: temporary), written != frames {
            throw .encoder("ffmpeg wrote \(written) of \(frames) frames (is the disk holding \(temporary.deletingLastPathComponent().path) full?)\(failure())")
        }
        do {
            try DurableFile.write(try Data(contentsOf: temporary), to: target)
        } catch {
            throw .encoder("cannot write \(target.path): \(error)")
        }
    }

    /// ffmpeg's last complaint, if it wrote one, or that it was stopped as stalled.
    private func failure() -> String {
        if watch.stalled.load(ordering: .relaxed) {
            return ": it did no work for \(Int(Self.stallLimit)) s while frames waited and was stopped"
        }
        let text = (try? String(contentsOf: log, encoding: .utf8))?.split(whereSeparator: \.isNewline).last.map(String.init)
        return text.map { ": \($0)" } ?? ""
    }

    /// Checks twice a second, until `done`, that during a write to ffmpeg (or the wait for it)
    /// ffmpeg keeps working: it is stalled when for `stallLimit` seconds it has used no CPU time
    /// and none of its threads was runnable or waiting for the disk (a busy machine or disk slows
    /// it down without stalling it). Kills a stalled ffmpeg, which ends the write or the wait.
    private func startWatchdog() {
        let (pid, watch) = (process.processIdentifier, watch)
        Thread.detachNewThread {
            var (lastTicks, lastWork) = (Self.cpuTicks(of: pid), Date().timeIntervalSince1970)
            while !watch.done.load(ordering: .relaxed) {
                usleep(500_000)
                let (now, ticks) = (Date().timeIntervalSince1970, Self.cpuTicks(of: pid))
                if ticks != lastTicks || Self.isWaitingForMachine(pid) { (lastTicks, lastWork) = (ticks, now) }
                let since = watch.busySince.load(ordering: .relaxed)
                if since > 0, now - max(since, lastWork) > Self.stallLimit, !watch.done.load(ordering: .relaxed) {
                    watch.stalled.store(true, ordering: .relaxed)
                    kill(pid, SIGKILL)
                    return
                }
            }
        }
    }

    /// The fields after the command name of a /proc `stat` file (field 3, the state, first).
    private static func statFields(_ path: String) -> [Substring]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let end = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: end)...].split(separator: " ")
    }

    /// The CPU time (user and system clock ticks) process `pid` has used, from /proc; nil once it is gone.
    private static func cpuTicks(of pid: Int32) -> Int? {
        // utime and stime are fields 14 and 15.
        guard let fields = statFields("/proc/\(pid)/stat"), fields.count > 13,
              let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// Whether a thread of process `pid` is runnable (waiting for a CPU) or waiting for the disk.
    private static func isWaitingForMachine(_ pid: Int32) -> Bool {
        let tasks = "/proc/\(pid)/task"
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
        return threads.contains { statFields("\(tasks)/\($0)/stat")?.first.map { $0 == "R" || $0 == "D" } ?? false }
    }

    /// The number of frames in the video at `url` as ffprobe counts them (its packets), or nil
    /// when ffprobe is not installed.
    private static func frameCount(of url: URL) -> Int? {
        guard let ffprobe = locate("ffprobe") else { return nil }
        let probe = Process()
        let output = Pipe()
        probe.executableURL = ffprobe
        probe.arguments = ["-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=nb_read_packets",
                           "-of", "csv=p=0", url.path]
        probe.standardOutput = output
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The executable `name` on the PATH.
    static func locate(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
