import Foundation
import Testing

/// Runs the built `gait` executable (built beside the test bundle) and captures what it says.
struct GaitProcess {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The `gait` binary of this build.
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gait")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/release/gait")
    }()

    /// Runs `gait arguments…` in `directory` (with extra environment `variables`) and waits for it.
    static func run(_ arguments: [String], in directory: URL, variables: [String: String] = [:]) throws -> GaitProcess {
        let process = try Running(arguments, in: directory, variables: variables)
        return try process.finish()
    }

    /// A started `gait` process whose output goes to files.
    final class Running {
        let process = Process()
        let outURL: URL, errURL: URL

        init(_ arguments: [String], in directory: URL, variables: [String: String] = [:]) throws {
            outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
            errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            process.executableURL = GaitProcess.binary
            process.arguments = arguments
            process.currentDirectoryURL = directory
            // The user's own registered environments stay out of the tests.
            let isolated = ["GAIT_ENV_PATH": directory.appendingPathComponent(".no-user-environments").path]
            process.environment = ProcessInfo.processInfo.environment.merging(isolated.merging(variables) { _, new in new }) { _, new in new }
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
        }

        /// Waits for the process to end.
        func finish() throws -> GaitProcess {
            process.waitUntilExit()
            defer {
                try? FileManager.default.removeItem(at: outURL)
                try? FileManager.default.removeItem(at: errURL)
            }
            return GaitProcess(status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                               stderr: try String(contentsOf: errURL, encoding: .utf8))
        }
    }

    static func start(_ arguments: [String], in directory: URL, variables: [String: String] = [:]) throws -> Running {
        try Running(arguments, in: directory, variables: variables)
    }

    /// The last line of stdout.
    var lastLine: String { stdout.split(separator: "\n").last.map(String.init) ?? "" }
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gait-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
