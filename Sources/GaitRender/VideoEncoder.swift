import Foundation
import GaitCore

/// Encodes RGB frames into an H.264 `.mp4` or a `.gif` with ffmpeg: frames go to ffmpeg through a
/// pipe, ffmpeg writes a temporary file, and the finished video replaces the target whole
/// (`DurableFile`), so an interrupted encoding never leaves half a video.
public final class VideoEncoder {
    /// The formats written, by file extension.
    public enum Format: String, CaseIterable, Sendable { case mp4, gif }

    private let process = Process()
    private let input = Pipe()
    private let target: URL
    private let temporary: URL
    private let log: URL
    private let frameBytes: Int

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
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: temporary)
        try? FileManager.default.removeItem(at: log)
    }

    /// Adds one frame (width × height × 3 bytes, rows from the top).
    public func append(_ pixels: [UInt8]) throws(RenderError) {
        precondition(pixels.count == frameBytes, "a frame has the wrong size")
        do {
            try input.fileHandleForWriting.write(contentsOf: pixels)
        } catch {
            throw .encoder("ffmpeg stopped reading frames\(failure())")
        }
    }

    /// Finishes the video and puts it in place.
    public func finish() throws(RenderError) {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw .encoder("ffmpeg exited with status \(process.terminationStatus)\(failure())") }
        do {
            try DurableFile.write(try Data(contentsOf: temporary), to: target)
        } catch {
            throw .encoder("cannot write \(target.path): \(error)")
        }
    }

    /// ffmpeg's last complaint, if it wrote one.
    private func failure() -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8))?.split(whereSeparator: \.isNewline).last.map(String.init)
        return text.map { ": \($0)" } ?? ""
    }

    /// The executable `name` on the PATH.
    static func locate(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
