/// Why `InputFile` refused a file.
public enum InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing exists at the path.
    case missing
    /// Something other than a regular file: a folder, a pipe, a device.
    case notAFile(String)
    /// More bytes than the limit for this kind of file.
    case tooLarge(size: Int, limit: Int)
    /// Bytes that are not UTF-8 text.
    case notText(String)
    /// The operating system refused to read it.
    case unreadable(String)

    public var description: String {
        switch self {
        case .missing: "no such file; check the path"
        case .notAFile(let kind): "it is \(kind), not a file; give the path of a file"
        case .tooLarge(let size, let limit): "it holds \(size) bytes, more than the \(limit) this kind of file may hold"
        case .notText(let why): why
        case .unreadable(let why): "cannot read it (\(why))"
        }
    }
}
