import Foundation

/// Reads a file a user names (a model, an environment or configuration file, a checkpoint, an
/// episode) with the checks that turn each way it can be wrong into one clear reason: the file
/// must exist, be a regular file (not a folder, pipe or device, which could block or never
/// end), hold at most `limit` bytes and, for text, be UTF-8.
public enum InputFile {
    /// The bytes of the file at `url`.
    public static func bytes(_ url: URL, limit: Int) throws(InputFileError) -> Data {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            throw errno == ENOENT ? .missing : .unreadable(SystemError(code: errno).description)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notAFile("a folder")
        case S_IFIFO: throw .notAFile("a pipe (FIFO)")
        case S_IFCHR, S_IFBLK: throw .notAFile("a device")
        default: throw .notAFile("a socket or another special file")
        }
        guard Int(status.st_size) <= limit else { throw .tooLarge(size: Int(status.st_size), limit: limit) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(access(url.path, R_OK) == 0 ? error.localizedDescription : "permission denied")
        }
        guard data.count <= limit else { throw .tooLarge(size: data.count, limit: limit) }
        return data
    }

    /// The UTF-8 text of the file at `url`, without the byte-order mark some editors put first.
    public static func text(_ url: URL, limit: Int) throws(InputFileError) -> String {
        var data = try bytes(url, limit: limit)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { throw .notText("it is UTF-16 text; save it as UTF-8") }
        if data.contains(0) { throw .notText("it contains NUL (0x00) bytes, so it is binary rather than text") }
        guard let text = String(validating: data, as: UTF8.self) else { throw .notText("it is not valid UTF-8 text; save it as UTF-8") }
        return text
    }
}
