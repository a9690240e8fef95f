import Foundation

/// Whole-file writes that survive a crash or a power cut: the bytes go to a new hidden temporary
/// file beside the target (`.<name>.<pid>.partial`, never a link), which is flushed to disk and
/// renamed over the target, and then the folder is flushed. After any interruption the target
/// holds either its old contents or its new ones, whole; `removeLeftovers(in:)` deletes the
/// temporary files an interrupted write left.
public enum DurableFile {
    /// The suffix of temporary files.
    public static let temporarySuffix = ".partial"

    /// Replaces the contents of `url` with `data`.
    public static func write(_ data: Data, to url: URL) throws(SystemError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid())\(temporarySuffix)").path
        unlink(temporary)
        let file = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw SystemError(code: errno) }
        var written = false
        defer {
            if !written { unlink(temporary) }
        }
        let code = data.withUnsafeBytes { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(file, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return fsync(file) == 0 ? 0 : errno
        }
        guard close(file) == 0, code == 0 else { throw SystemError(code: code == 0 ? errno : code) }
        guard rename(temporary, url.path) == 0 else { throw SystemError(code: errno) }
        written = true
        let directory = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Deletes the temporary files an interrupted `write` left in `folder`; returns how many.
    @discardableResult
    public static func removeLeftovers(in folder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let leftovers = names.filter { $0.hasPrefix(".") && $0.hasSuffix(temporarySuffix) }
        for name in leftovers { unlink(folder.appendingPathComponent(name).path) }
        return leftovers.count
    }
}
