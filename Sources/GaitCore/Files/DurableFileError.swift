import Foundation

/// Why `DurableFile.write` failed: the operating system's reason, such as "no space left on
/// device" or "permission denied".
public struct DurableFileError: Error, Sendable, CustomStringConvertible {
    /// The `errno` value.
    public let code: Int32

    /// The error for `errno` value `code`.
    public init(code: Int32) { self.code = code }

    public var description: String { String(cString: strerror(code)).lowercased() }
}
