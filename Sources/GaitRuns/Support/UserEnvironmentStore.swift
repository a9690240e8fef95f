import Foundation
import GaitCore
import GaitPhysics
import GaitEnvs
import Yams

/// The environments a user registered from environment files, kept as `<id>.yaml` (with the
/// model and the files it includes copied beside it into `<id>.model/`; older stores have `<id>.xml`) in `$GAIT_ENV_PATH`, or else
/// `$XDG_CONFIG_HOME/gait/environments`, or `~/.config/gait/environments`.
package struct UserEnvironmentStore {
    package let directory: URL

    /// The store the environment variables point at.
    package static var current: UserEnvironmentStore {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["GAIT_ENV_PATH"], !path.isEmpty { return UserEnvironmentStore(directory: URL(fileURLWithPath: path)) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return UserEnvironmentStore(directory: config.appendingPathComponent("gait/environments"))
    }

    /// Reads an environment file (YAML or JSON).
    static func definition(at url: URL) throws -> (definition: EnvironmentDefinition, fields: [String: Any]) {
        let fields = try YAMLFile.map(at: url.path, kind: "an environment file", example: "id: tall-walker")
        let definition = try EnvironmentDefinition(fields: fields, source: url.path, directory: url.deletingLastPathComponent())
        return (definition, fields)
    }

    /// The registered definitions' specifications, except those of `taken` ids (the plugins'); a
    /// stored file that no longer works, an id registered by two files, or a plugin's id, is
    /// reported on stderr, naming the files, and skipped: every other environment keeps working.
    func specs(excluding taken: Set<String> = []) -> [EnvironmentSpec] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let found: [(name: String, spec: EnvironmentSpec)] = names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { name in
            do {
                return (name, try Self.definition(at: directory.appendingPathComponent(name)).definition.spec())
            } catch {
                Console.note("warning: skipping the registered environment \(name): \(error)")
                return nil
            }
        }
        let files = Dictionary(grouping: found, by: \.spec.id).mapValues { $0.map(\.name) }
        return found.compactMap { name, spec in
            if taken.contains(spec.id) {
                Console.note("warning: skipping \(directory.appendingPathComponent(name).path): it registers '\(spec.id)', which a plugin "
                             + "provides; choose another id in it")
                return nil
            }
            if let both = files[spec.id], both.count > 1 {
                if name == both[0] {
                    Console.note("warning: skipping '\(spec.id)': \(both.joined(separator: " and ")) in \(directory.path) both register it; "
                                 + "remove or rename all but one")
                }
                return nil
            }
            return spec
        }
    }

    /// Validates the environment file at `path` (fields, model, task, the environment checker)
    /// and registers it; nothing is written unless all of it passes.
    package func add(_ path: String, registry: EnvironmentRegistry) throws -> EnvironmentSpec {
        let url = URL(fileURLWithPath: path)
        let (definition, read) = try Self.definition(at: url)
        var fields = read
        let spec = try definition.spec()
        let taken = { (stored: Bool) throws in
            guard let provider = registry.providers[spec.id] ?? (stored ? Self.providerName : nil) else { return }
            let hint = provider == Self.providerName ? "; remove it first with 'gait envs remove \(spec.id)'" : ""
            throw CLIError.usage("environment '\(spec.id)' is already registered (by \(provider))\(hint)")
        }
        try taken(false)
        let report = EnvironmentChecker(seed: 0, steps: 100).check(spec)
        if let failed = report.checks.first(where: { !$0.passed }) {
            throw CLIError.badFile(path: path, reason: "the environment fails the check '\(failed.name)': \(failed.detail)")
        }
        return try locked {
            // The registry was read before the lock: another process may have added the id since.
            try taken(FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(spec.id).yaml").path))
            // Keep a copy of the model and the files it includes, so that the environment survives
            // the originals moving.
            let modelFile = definition.modelFile
            if let modelFile { fields["model"] = "\(spec.id).model/\(modelFile.lastPathComponent)" }
            let yaml = Data(try Yams.dump(object: fields, allowUnicode: true, sortKeys: true).utf8)
            guard yaml.count <= YAMLFile.maximumSize else {
                throw CLIError.badFile(path: path, reason: "written out as the store keeps it (quotes doubled, control characters escaped) it holds \(yaml.count) bytes, "
                                       + "more than the \(YAMLFile.maximumSize) an environment file may hold; shorten its summary or tags")
            }
            if let modelFile {
                try copyModel(modelFile, included: try definition.loadModel().referencedFiles, to: directory.appendingPathComponent("\(spec.id).model"))
            }
            try RunDirectory.write(yaml, to: directory.appendingPathComponent("\(spec.id).yaml"))
            return spec
        }
    }

    /// Copies a model file and the files it includes (all in its folder or below) into `target`,
    /// keeping their relative places: into a temporary folder first, renamed once whole, so that
    /// on failure nothing is left behind.
    private func copyModel(_ modelFile: URL, included: [URL], to target: URL) throws {
        let root = modelFile.standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent().path + "/"
        let folder = directory.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        do {
            for file in [modelFile.standardizedFileURL.resolvingSymlinksInPath()] + included {
                let contents: Data
                do {
                    contents = try InputFile.bytes(file, limit: Model.maximumFileSize)
                } catch {
                    throw CLIError.io(path: file.path, reason: "cannot copy the model: \(error)")
                }
                let target = folder.appendingPathComponent(String(file.path.dropFirst(root.count)))
                do {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                } catch {
                    throw CLIError.io(path: target.deletingLastPathComponent().path, reason: "cannot create the folder (\(RunDirectory.reason(error)))")
                }
                try RunDirectory.write(contents, to: target)
            }
            try? FileManager.default.removeItem(at: target)
            do {
                try FileManager.default.moveItem(at: folder, to: target)
            } catch {
                throw CLIError.io(path: target.path, reason: "cannot put the model copy in place (\(RunDirectory.reason(error)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Runs `work` holding the store's lock (`.lock` in its folder, created with the folder),
    /// waiting for another gait process that holds it: adds and removes take turns.
    private func locked<T>(_ work: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError.io(path: directory.path, reason: "cannot create the environment folder (\(RunDirectory.reason(error))); set GAIT_ENV_PATH to a writable folder")
        }
        let path = directory.appendingPathComponent(".lock").path
        let file = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard file >= 0 else { throw CLIError.io(path: path, reason: "cannot open the store's lock file (\(SystemError(code: errno)))") }
        defer { close(file) }
        while flock(file, LOCK_EX) != 0 {
            guard errno == EINTR else { throw CLIError.io(path: path, reason: "cannot lock the store (\(SystemError(code: errno)))") }
        }
        return try work()
    }

    /// Unregisters `id`.
    package func remove(_ id: String, registry: EnvironmentRegistry) throws {
        guard EnvironmentDefinition.isValidID(id) else {
            throw CLIError.usage("'\(id)' is not an environment id (lowercase ASCII letters, digits and hyphens); 'gait envs' lists what is registered")
        }
        let file = directory.appendingPathComponent("\(id).yaml")
        let missing = {
            if let provider = registry.providers[id], provider != Self.providerName {
                return CLIError.usage("'\(id)' comes with the \(provider) plugin, not from an environment file; it cannot be removed")
            }
            return CLIError.usage("no environment file registers '\(id)' in \(directory.path); 'gait envs' lists what is registered")
        }
        guard FileManager.default.fileExists(atPath: file.path) else { throw missing() }
        try locked {
            // Another process may have removed it since.
            guard FileManager.default.fileExists(atPath: file.path) else { throw missing() }
            do {
                try FileManager.default.removeItem(at: file)
                for copy in ["\(id).model", "\(id).xml"] {
                    let model = directory.appendingPathComponent(copy)
                    if FileManager.default.fileExists(atPath: model.path) { try FileManager.default.removeItem(at: model) }
                }
            } catch {
                throw CLIError.io(path: file.path, reason: "cannot remove (\(RunDirectory.reason(error)))")
            }
        }
    }

    /// The provider name user environments are listed under.
    static let providerName = "environment file"
}
