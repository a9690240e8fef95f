import Foundation

/// A file of a run that grows as training goes (metrics.csv, the TensorBoard events), appended
/// to in whole pieces: an append that cannot be written (a full disk) leaves the file as it was
/// and keeps the piece, so that `flush()` can write it once there is room again and the file
/// never holds half a record.
package final class LogFile {
    let url: URL
    private let handle: FileHandle
    /// The bytes of the file that were written whole.
    private var length: UInt64
    /// What failed to be written, oldest first.
    private var pending = Data()

    /// Writes `contents` durably to `url` as its first contents, then opens it for appending.
    init(url: URL, contents: Data) throws {
        self.url = url
        try RunDirectory.write(contents, to: url)
        do {
            handle = try FileHandle(forWritingTo: url)
            length = try handle.seekToEnd()
        } catch {
            throw CLIError.io(path: url.path, reason: "cannot open it for appending (\(RunDirectory.reason(error)))")
        }
    }

    deinit { try? handle.close() }

    /// Appends `data` after whatever earlier appends could not write.
    func append(_ data: Data) throws {
        pending.append(data)
        try flush()
    }

    /// Writes what earlier appends could not; throws if it still cannot (the file is unchanged).
    func flush() throws {
        guard !pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: pending)
            length += UInt64(pending.count)
            pending.removeAll()
        } catch {
            try? handle.truncate(atOffset: length)
            throw CLIError.io(path: url.path, reason: "cannot append to it (\(RunDirectory.reason(error))); "
                              + "check the disk is not full and the folder writable")
        }
    }
}
