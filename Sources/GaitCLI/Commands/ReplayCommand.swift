import ArgumentParser
import Foundation
import GaitCore
import GaitRender
import GaitRuns

/// `gait replay EPISODE`: re-simulates a recorded episode, and writes a replay page or a video.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Verify or draw a recorded episode.")

    @Argument(help: "An episode file (.gaitep).")
    var episode: String

    @Flag(help: "Re-simulate and compare bit for bit; exits non-zero at the first difference.")
    var verify = false

    @Option(help: "Write a self-contained HTML page that animates the episode.")
    var html: String?

    @Option(help: "Write a video of the episode (.mp4 or .gif; needs ffmpeg), drawn by Gait's software renderer in real time.")
    var video: String?

    @Flag(help: "Write --html and --video even over files of another kind.")
    var force = false

    @Option(parsing: .unconditional, help: "The video's width in pixels.")
    var width = 480

    @Option(parsing: .unconditional, help: "The video's height in pixels.")
    var height = 360

    func validate() throws {
        if let video, VideoEncoder.Format(rawValue: URL(fileURLWithPath: video).pathExtension.lowercased()) == nil {
            throw ValidationError("--video \(video): write a video as .mp4 or .gif")
        }
        for (name, value) in [("--width", width), ("--height", height)] where !SceneRenderer.sizes.contains(value) {
            throw ValidationError("\(name) \(value): it must be from \(SceneRenderer.sizes.lowerBound) to \(SceneRenderer.sizes.upperBound)")
        }
    }

    func run() throws {
        let input = URL(fileURLWithPath: self.episode)
        let page = try html.map { try OutputTarget($0, option: "--html", kind: .html, inputs: [input], force: force).url }
        let film = try video.map { try OutputTarget($0, option: "--video", kind: .video, inputs: [input], force: force).url }
        let episode = try Episode(contentsOf: input)
        let registry = try CommandContext.registry()
        print("\(episode.header.environmentID) v\(episode.header.environmentVersion), \(episode.count) steps, return \(String(format: "%.3f", episode.totalReward))")
        // One re-simulation serves the page, the video and --verify.
        let replayed = try (page == nil && film == nil) ? nil : ReplayPage.replay(episode, registry: registry)
        if let html, let page, let replayed {
            try RunDirectory.write(Data(try ReplayPage.render(episode, replayed: replayed).utf8), to: page)
            print("html: \(html)")
            warnIfPartial(replayed.outcome, of: episode)
        }
        if let video, let film, let replayed {
            guard let recording = replayed.recording else { throw RenderError.noScene(episode.header.environmentID) }
            let frames = try recording.writeVideo(to: film, width: width, height: height)
            print("video: \(video) (\(frames) frames, \(width)×\(height))")
            warnIfPartial(recording.outcome, of: episode)
        }
        if verify {
            let outcome = try replayed?.outcome ?? EpisodeReplay.replay(episode, registry: registry)
            print("replay: \(outcome)")
            if case .diverged = outcome { throw ExitCode(1) }
        }
        if !verify && html == nil && video == nil { print("(nothing to do: add --verify, --html OUT.html or --video OUT.mp4)") }
    }

    /// Says on stderr when a drawing shows only the steps before the re-simulation differed.
    private func warnIfPartial(_ outcome: EpisodeReplay.Outcome, of episode: Episode) {
        guard case .diverged = outcome else { return }
        Console.warning("it shows only the first \(outcome.drawnSteps) of \(episode.count) steps: the re-simulation \(outcome)")
    }
}
