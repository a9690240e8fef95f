@preconcurrency import Glibc
import Foundation

/// Where the command line writes: results on stdout, problems on stderr.
package enum Console {
    /// Writes `message` as one `error:` line on stderr.
    package static func error(_ message: String) {
        note("error: \(message)")
    }

    /// Writes `message` as one `warning:` line on stderr.
    package static func warning(_ message: String) {
        note("warning: \(message)")
    }

    /// Writes a note (not a result) on stderr; a stderr that cannot be written (closed, full) is
    /// not a reason to stop.
    static func note(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data("\(message)\n".utf8))
    }

    /// Ends writing to stdout: nil when all that was printed reached it, else why not (a full
    /// disk, a closed pipe).
    package static func finishOutput() -> String? {
        let flushed = fflush(stdout) == 0
        let reason = flushed ? "an earlier write failed" : String(cString: strerror(errno))
        return flushed && ferror(stdout) == 0 ? nil : reason
    }

    /// Prints `value` on stdout as JSON with sorted keys (`pretty`: indented).
    package static func printJSON(_ value: some Encodable, pretty: Bool = true) throws {
        print(String(decoding: try json(value, pretty: pretty), as: UTF8.self))
    }

    /// `value` as JSON text with sorted keys (`pretty`: indented).
    static func json(_ value: some Encodable, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The terminal's width in columns (80 when it cannot be read).
    static var width: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// True when stdout is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
