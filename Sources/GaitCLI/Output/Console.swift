import Foundation

/// Where the command line writes: results on stdout, problems on stderr.
enum Console {
    /// Writes `message` as one `error:` line on stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Writes `message` as one `warning:` line on stderr.
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Writes a note (not a result) on stderr.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Prints `value` on stdout as JSON with sorted keys (`pretty`: indented).
    static func printJSON(_ value: some Encodable, pretty: Bool = true) throws {
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
