import Foundation

/// Where the command line writes: results on stdout, problems on stderr.
enum Console {
    /// Writes `message` as one `error:` line on stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Writes a note (not a result) on stderr.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// True when stdout is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
