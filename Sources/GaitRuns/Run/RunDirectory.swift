import Foundation
import GaitCore

/// The files of one training run:
///
///     <run>/config.json      every setting and hyperparameter used, env id and version, gait version
///     <run>/metrics.csv      one row per record (episode, evaluation, log interval)
///     <run>/checkpoints/     <step>.safetensors (the agent) and training-state.safetensors (the rest)
///     <run>/episodes/        recorded evaluation episodes
///     <run>/curve.svg        the learning curve
///     <run>/replay.html      the last evaluation's first episode, animated
///     <run>/events.out.tfevents.*   the TensorBoard log of every metric (`tensorboard --logdir runs/`)
package struct RunDirectory {
    package let url: URL

    var config: URL { url.appendingPathComponent("config.json") }
    package var metrics: URL { url.appendingPathComponent("metrics.csv") }
    var checkpoints: URL { url.appendingPathComponent("checkpoints") }
    var episodes: URL { url.appendingPathComponent("episodes") }
    package var curve: URL { url.appendingPathComponent("curve.svg") }
    var replay: URL { url.appendingPathComponent("replay.html") }
    var trainingState: URL { checkpoints.appendingPathComponent("training-state.safetensors") }

    /// The agent checkpoint taken after `step` environment steps.
    package func checkpoint(step: Int) -> URL { checkpoints.appendingPathComponent("\(step).safetensors") }

    /// An existing run directory at `path`.
    package init(existing path: String) throws {
        url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.notARun(path: path, reason: "no such folder")
        }
        guard FileManager.default.fileExists(atPath: config.path) else {
            throw CLIError.notARun(path: path, reason: "it has no config.json")
        }
    }

    /// The run at `path`, or every run in the folders under it (at most `depth` levels down,
    /// as `runs/<env>/<run>` is two), in path order: what `tensorboard --logdir` would find.
    package static func runs(under path: String, depth: Int = 4) throws -> [RunDirectory] {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.notARun(path: path, reason: "no such folder")
        }
        func search(_ folder: URL, _ levels: Int) -> [URL] {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("config.json").path) { return [folder] }
            guard levels > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
            return names.sorted().filter { !$0.hasPrefix(".") }.flatMap { name -> [URL] in
                let child = folder.appendingPathComponent(name)
                let values = try? child.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
                return values?.isDirectory == true && values?.isSymbolicLink != true ? search(child, levels - 1) : []
            }
        }
        let found = search(root, depth)
        guard !found.isEmpty else {
            throw CLIError.notARun(path: path, reason: "it is not a run (no config.json) and no run lies in the \(depth) levels of folders under it")
        }
        return try found.map { try RunDirectory(existing: $0.path) }
    }

    /// A new run directory at `url`, not created yet (see `create()`). `url` must be new or an
    /// empty folder, so that no file of the user's is ever overwritten; what a start that failed
    /// left there (the lock and empty sub-folders) counts as empty.
    init(new url: URL) throws {
        self.url = url.standardizedFileURL
        if FileManager.default.fileExists(atPath: config.path) {
            throw CLIError.usage("\(url.path) already holds a run; resume it with --resume or choose another --out")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let foreign = contents.sorted().filter { name in
            name != ".lock" && !(["checkpoints", "episodes"].contains(name)
                                 && (try? FileManager.default.contentsOfDirectory(atPath: self.url.appendingPathComponent(name).path))?.isEmpty == true)
        }
        if let first = foreign.first {
            throw CLIError.usage("\(url.path) already holds files (such as '\(first)') and is not a Gait run; "
                                 + "choose a new or empty folder with --out")
        }
    }

    /// Creates the folder and its sub-folders; a failure's error ends with `advice`.
    func create(advice: String) throws {
        for folder in [url, checkpoints, episodes] {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CLIError.io(path: url.path, reason: "cannot create the run directory (\(Self.reason(creating: folder, error))); \(advice)")
            }
        }
    }

    /// Why `folder` could not be created: a file standing at it or above it, or `error`'s reason.
    private static func reason(creating folder: URL, _ error: any Error) -> String {
        let ancestors = sequence(first: folder) { $0.path == "/" ? nil : $0.deletingLastPathComponent() }
        let file = ancestors.first { folder in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        return file.map { "\($0.path) is a file, not a folder" } ?? reason(error)
    }

    /// The default location: `runs/<env>/<agent>-s<seed>-<yyyyMMdd-HHmmss>`.
    static func defaultURL(root: String = "runs", environment: String, agent: String, seed: UInt64, date: Date = Date()) -> URL {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return URL(fileURLWithPath: root).appendingPathComponent(environment)
            .appendingPathComponent("\(agent)-s\(seed)-\(formatter.string(from: date))")
    }

    /// Deletes the temporary files an interrupted write left in the run's folders.
    func removeLeftovers() {
        for folder in [url, checkpoints, episodes] { DurableFile.removeLeftovers(in: folder) }
    }

    /// The agent checkpoints present, by step, oldest first.
    package func checkpointSteps() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path)) ?? []
        return names.compactMap { name in name.hasSuffix(".safetensors") ? Int(name.dropLast(12)) : nil }.sorted()
    }

    /// Writes `data` to `file` durably (see `DurableFile`).
    package static func write(_ data: Data, to file: URL) throws {
        do {
            try DurableFile.write(data, to: file)
        } catch {
            throw CLIError.io(path: file.path, reason: "cannot write (\(error)); check the folder is writable and the disk not full")
        }
    }

    /// A short reason for a Foundation error.
    package static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return SystemError(code: Int32(underlying.code)).description
        }
        return nsError.localizedDescription
    }
}
