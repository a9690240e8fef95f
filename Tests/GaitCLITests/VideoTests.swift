import Foundation
import GaitCore
import GaitEnvs
import GaitPhysics
@testable import GaitRender
import Testing

/// `gait replay --video`: the software renderer draws the robot where the episode has it, and
/// ffmpeg's file holds every frame at the asked size.
@Suite(.serialized) struct VideoTests {
    let registry = try! EnvironmentRegistry(plugins: [BuiltinEnvironments.self])

    /// A whole pendulum episode (200 steps) with random actions.
    func pendulumEpisode() throws -> Episode {
        let spec = try registry.spec("pendulum")
        var recorded: Episode?
        let environment = EpisodeRecorder(try spec.make(), spec: spec) { recorded = $0 }
        _ = try environment.reset(seed: 5)
        var random = RandomSource(seed: 5)
        while try !environment.step([Float(random.uniform(-1...1))]).isDone {}
        return try #require(recorded)
    }

    /// Frame `index` of a video, decoded by ffmpeg to RGB bytes.
    func decodedFrame(_ index: Int, of video: URL, in folder: URL) throws -> [UInt8] {
        let raw = folder.appendingPathComponent("frame-\(index).rgb")
        let decode = try shell("ffmpeg -v error -y -i '\(video.path)' -vf 'select=eq(n\\,\(index))' -vframes 1 -f rawvideo -pix_fmt rgb24 '\(raw.path)'",
                               in: folder)
        try #require(decode.status == 0, "\(decode.output)")
        return [UInt8](try Data(contentsOf: raw))
    }

    @Test("a video has every frame at the asked size, in .mp4 and .gif")
    func framesAndSize() throws {
        let folder = try temporaryFolder()
        try pendulumEpisode().write(to: folder.appendingPathComponent("episode.gaitep"))
        for name in ["episode.mp4", "episode.gif"] {
            let result = try GaitProcess.run(["replay", "episode.gaitep", "--video", name, "--width", "160", "--height", "120"], in: folder)
            #expect(result.status == 0 && result.stdout.contains("video: \(name) (201 frames, 160×120)"), "\(result.stderr)")
            let probe = try shell("ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=width,height,nb_read_frames -of csv=p=0 \(name)",
                                  in: folder)
            #expect(probe.output.trimmingCharacters(in: .whitespacesAndNewlines) == "160,120,201", "\(probe.output)")
        }
        let refused = try GaitProcess.run(["replay", "episode.gaitep", "--video", "episode.avi"], in: folder)
        #expect(refused.status != 0 && refused.stderr.contains("write a video as .mp4 or .gif"))
    }

    @Test("a child started while a video is written, inheriting every descriptor it may, does not keep ffmpeg waiting for the frames' end")
    func childrenDoNotHoldFfmpegsInput() throws {
        let folder = try temporaryFolder()
        let encoder = try VideoEncoder(target: folder.appendingPathComponent("grey.mp4"), width: 16, height: 16, framesPerSecond: 10)
        for _ in 0..<5 { try encoder.append([UInt8](repeating: 128, count: 16 * 16 * 3)) }
        // posix_spawn without file actions: the child keeps every descriptor not marked close-on-exec.
        let words = ["/bin/sleep", "30"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, "/bin/sleep", nil, nil, arguments, environ) == 0)
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        let started = Date()
        try encoder.finish()
        #expect(Date().timeIntervalSince(started) < 20, "finish waited for the child's 30 s: it held ffmpeg's input open")
    }

    @Test("the bob is drawn where the episode has it, and the video shows what the renderer drew")
    func robotWhereTheEpisodeSaysItIs() throws {
        let folder = try temporaryFolder()
        let recording = try SceneRecording(replaying: pendulumEpisode(), registry: registry)
        let renderer = try SceneRenderer(shapes: recording.shapes, planar: recording.planar, fixedBase: recording.fixedBase,
                                         width: 160, height: 120)
        renderer.fit(recording.poses)
        let video = folder.appendingPathComponent("episode.mp4")
        try recording.writeVideo(to: video, width: 160, height: 120)
        var bobPixels: [(Int, Int)] = []
        try recording.poses.withUnsafeBufferPointer { all in
            for frame in [0, 100, 200] {
                let pose = UnsafeBufferPointer(rebasing: all[frame * renderer.frameSize..<(frame + 1) * renderer.frameSize])
                var pixels = [UInt8](repeating: 0, count: 160 * 120 * 3)
                pixels.withUnsafeMutableBufferPointer { renderer.render(pose, into: $0) }
                // Shape 1 is the bob: its centre projects onto a pixel of its (yellow) colour, not the sky's blue.
                let bob = try #require(renderer.camera(for: pose).project(SIMD3(pose[12], pose[13], pose[14])))
                let (x, y) = (Int(bob.x), Int(bob.y))
                let offset = 3 * (y * 160 + x)
                #expect(pixels[offset] > pixels[offset + 2] + 40, "frame \(frame): pixel (\(x), \(y)) is \(pixels[offset..<offset + 3])")
                bobPixels.append((x, y))
                let decoded = try decodedFrame(frame, of: video, in: folder)
                let difference = zip(decoded, pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / pixels.count
                #expect(decoded.count == pixels.count && difference < 6, "frame \(frame): mean difference \(difference)")
            }
        }
        #expect(Set(bobPixels.map { $0.0 * 1000 + $0.1 }).count == 3, "the bob moves while the pivot stays: \(bobPixels)")
    }

    @Test("a height field is met where its triangles are: from above on its slopes, from the side on its slab, and not above it")
    func heightFieldRays() throws {
        // 3 × 3 samples over 2 m × 2 m, 0.5 m high at the centre, 0 around it, on a slab 0.1 m deep.
        let field = SceneShape(kind: .heightField, size: [1, 1, 0.5, 0.1, 3, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0])
        func down(_ x: Double, _ y: Double) -> Double? { field.hit(origin: SIMD3(x, y, 2), direction: SIMD3(0, 0, -1))?.distance }
        #expect(abs(try #require(down(0, 0)) - 1.5) < 1e-9, "the peak")
        #expect(abs(try #require(down(0.5, 0.5)) - 1.75) < 1e-9, "half way down the diagonal")
        #expect(abs(try #require(down(0.75, 0.25)) - 1.875) < 1e-9, "inside a cell's triangle")
        #expect(abs(try #require(down(-0.9, 0.9)) - 2) < 1e-9, "the flat corner")
        #expect(down(1.2, 0) == nil, "beyond its edge")
        let side = try #require(field.hit(origin: SIMD3(-3, 0.3, -0.05), direction: SIMD3(1, 0, 0)))
        #expect(abs(side.distance - 2) < 1e-9 && side.normal == SIMD3(-1, 0, 0), "the slab's side")
        let slope = try #require(field.hit(origin: SIMD3(-3, 0, 0.3), direction: SIMD3(1, 0, 0)))
        #expect(abs(slope.distance - 2.6) < 1e-9 && slope.normal.x < 0 && slope.normal.z > 0, "the slope, from the side above the slab")
        #expect(field.hit(origin: SIMD3(-3, 0, 0.6), direction: SIMD3(1, 0, 0)) == nil, "over the peak")
        #expect(abs(field.boundingRadius - (2 as Double + 0.25).squareRoot()) < 1e-12)
    }

    @Test("a mesh's convex hull is met on the face a ray enters, with that face's normal, and missed beside it")
    func convexRays() throws {
        // A unit cube's hull [-0.5, 0.5]³ as a physics environment draws it: 8 corners, then 12 triangles' planes.
        let hull = try Model(mjcf: "<mujoco><asset><mesh name=\"m\" vertex=\"" + (0..<8).map { i in
            "\(i & 1 == 0 ? -0.5 : 0.5) \(i & 2 == 0 ? -0.5 : 0.5) \(i & 4 == 0 ? -0.5 : 0.5)"
        }.joined(separator: " ") + "\"/></asset><worldbody><geom type=\"mesh\" mesh=\"m\"/></worldbody></mujoco>")
        guard case .mesh(let convex) = hull.geoms[0].shape else { throw CancellationError() }
        let shape = SceneShape(kind: .convex, size: [Double(convex.corners.count)] + convex.corners.flatMap { [$0.x, $0.y, $0.z] }
                                + convex.planes.flatMap { [$0.normal.x, $0.normal.y, $0.normal.z, $0.offset] })
        let top = try #require(shape.hit(origin: SIMD3(0.1, 0.2, 2), direction: SIMD3(0, 0, -1)))
        #expect(abs(top.distance - 1.5) < 1e-12 && abs(top.normal.z - 1) < 1e-12, "the top face, from above")
        let side = try #require(shape.hit(origin: SIMD3(-3, 0.1, 0.2), direction: SIMD3(1, 0, 0)))
        #expect(abs(side.distance - 2.5) < 1e-12 && abs(side.normal.x + 1) < 1e-12, "the side facing the ray")
        #expect(shape.hit(origin: SIMD3(0.6, 0, 2), direction: SIMD3(0, 0, -1)) == nil, "beside it")
        #expect(shape.hit(origin: SIMD3(0, 0, 2), direction: SIMD3(0, 0, 1)) == nil, "behind the ray")
        #expect(abs(shape.boundingRadius - 0.75.squareRoot()) < 1e-12)
    }

    /// Runs `gait replay --video` with `script` as the ffmpeg on PATH (the real ffprobe stays).
    func replayWithFakeFFmpeg(_ script: String) throws -> GaitProcess {
        let folder = try temporaryFolder()
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try Data("#!/bin/sh\n\(script)\n".utf8).write(to: bin.appendingPathComponent("ffmpeg"))
        chmod(bin.appendingPathComponent("ffmpeg").path, 0o755)
        try pendulumEpisode().write(to: folder.appendingPathComponent("episode.gaitep"))
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try GaitProcess.run(["replay", "episode.gaitep", "--video", "episode.mp4", "--width", "160", "--height", "120"],
                                   in: folder, variables: ["PATH": path])
    }

    @Test("an ffmpeg that stops reading is stopped, one that writes a short video is caught: no hang, no false success")
    func brokenEncoders() throws {
        let started = Date()
        let stalled = try replayWithFakeFFmpeg("exec sleep 600")
        #expect(stalled.status != 0 && stalled.stderr.contains("was stopped"), "\(stalled.stderr)")
        #expect(Date().timeIntervalSince(started) < VideoEncoder.stallLimit + 30)

        let short = try replayWithFakeFFmpeg("for argument; do output=$argument; done\ncat > /dev/null\nprintf 'not a video' > \"$output\"")
        #expect(short.status != 0 && short.stderr.contains("ffmpeg wrote 0 of 201 frames"), "\(short.stderr)")
        #expect(!short.stdout.contains("video:"))
    }
}
