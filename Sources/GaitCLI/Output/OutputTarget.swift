import Foundation
import GaitRuns

/// A file a command is asked to write (`replay --html`, `--video`, `plot --out`). It may replace
/// a file of the kind the command writes (an earlier page, curve or video), never one of the
/// command's own inputs or a file of another kind, unless `--force`.
struct OutputTarget {
    /// What the command writes, recognised by the first bytes of an existing file.
    enum Kind: String {
        case html = "an HTML page", svg = "an SVG image", video = "a video"

        /// Whether `head`, the first bytes of a file, start a file of this kind.
        func matches(_ head: Data) -> Bool {
            let text = String(decoding: head, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            switch self {
            case .html: return text.hasPrefix("<!doctype html") || text.hasPrefix("<html")
            case .svg: return text.hasPrefix("<svg") || (text.hasPrefix("<?xml") && text.contains("<svg"))
            case .video: return head.starts(with: Data("GIF8".utf8)) || (head.count >= 8 && head[4..<8] == Data("ftyp".utf8))
            }
        }
    }

    let url: URL

    /// Checks that `path` (given with `option`) may be written with a file of `kind` by a command
    /// reading `inputs`; `force` lifts the check.
    init(_ path: String, option: String, kind: Kind, inputs: [URL], force: Bool) throws {
        url = URL(fileURLWithPath: path)
        guard !force, let written = Self.identity(of: url) else { return }
        guard written.isRegular else {
            throw CLIError.invalidValue(name: option, value: path, reason: "it is a folder or a special file, not a file to write; name a file")
        }
        if inputs.contains(where: { Self.identity(of: $0)?.node == written.node }) {
            throw CLIError.invalidValue(name: option, value: path, reason: "it is this command's input and would be overwritten; "
                                        + "name another file (or add --force)")
        }
        let head = (try? FileHandle(forReadingFrom: url)).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 512)
        } ?? Data()
        guard head.isEmpty || kind.matches(head) else {
            throw CLIError.invalidValue(name: option, value: path, reason: "it holds a file that is not \(kind.rawValue) and would be "
                                        + "overwritten; name another file (or add --force to replace it)")
        }
    }

    /// The device and inode of the file at `url` (after symbolic links) and whether it is a
    /// regular file; nil when there is none.
    private static func identity(of url: URL) -> (node: [UInt64], isRegular: Bool)? {
        var status = stat()
        guard stat(url.path, &status) == 0 else { return nil }
        return ([UInt64(status.st_dev), UInt64(status.st_ino)], (status.st_mode & S_IFMT) == S_IFREG)
    }
}
