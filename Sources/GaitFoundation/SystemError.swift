import Foundation

/// An operating-system error (`errno`), described by the system's reason, such as "no space
/// left on device" or "permission denied": why `DurableFile.write` failed, or a file could not
/// be opened.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    /// The `errno` value.
    public let code: Int32

    /// The error for `errno` value `code`.
    public init(code: Int32) { self.code = code }

    public var description: String { String(cString: strerror(code)).lowercased() }
}
