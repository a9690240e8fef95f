import ArgumentParser
import Foundation
import GaitCore

/// `gait replay EPISODE`: re-simulates a recorded episode, and writes a replay page.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Verify or draw a recorded episode.")

    @Argument(help: "An episode file (.gaitep).")
    var episode: String

    @Flag(help: "Re-simulate and compare bit for bit; exits non-zero at the first difference.")
    var verify = false

    @Option(help: "Write a self-contained HTML page that animates the episode.")
    var html: String?

    func run() throws {
        let episode = try Episode(contentsOf: URL(fileURLWithPath: self.episode))
        let registry = try CommandContext.registry()
        print("\(episode.header.environmentID) v\(episode.header.environmentVersion), \(episode.count) steps, return \(String(format: "%.3f", episode.totalReward))")
        if let html {
            try RunDirectory.write(Data(try ReplayPage.render(episode, registry: registry).utf8), to: URL(fileURLWithPath: html))
            print("html: \(html)")
        }
        if verify {
            let outcome = try EpisodeReplay.replay(episode, registry: registry)
            print("replay: \(outcome)")
            if case .diverged = outcome { throw ExitCode(1) }
        }
        if !verify && html == nil { print("(nothing to do: add --verify or --html OUT.html)") }
    }
}
