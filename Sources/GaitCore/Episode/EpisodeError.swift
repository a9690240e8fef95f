/// Why an episode file could not be read, written or replayed.
public enum EpisodeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file does not start like an episode file.
    case notAnEpisode(path: String)
    /// A format version this Gait cannot read.
    case unsupportedVersion(path: String, version: Int)
    /// The file ends before the data it announces.
    case truncated(path: String)
    /// The checksum does not match: the file was altered or damaged.
    case corrupted(path: String)
    /// The header or a count makes no sense.
    case malformed(path: String, reason: String)
    /// The episode was recorded for an environment version that is not the registered one.
    case versionMismatch(id: String, recorded: Int, registered: Int)

    public var description: String {
        switch self {
        case .io(let path, let reason): "\(path): \(reason)"
        case .notAnEpisode(let path): "\(path) is not a Gait episode file (wrong magic bytes)"
        case .unsupportedVersion(let path, let version):
            "\(path) uses episode format version \(version); this Gait reads version \(Episode.formatVersion). Use a matching Gait version"
        case .truncated(let path): "\(path) is truncated (the file ends early); record the episode again"
        case .corrupted(let path): "\(path) is corrupted (checksum mismatch); record the episode again"
        case .malformed(let path, let reason): "\(path) is malformed: \(reason)"
        case .versionMismatch(let id, let recorded, let registered):
            "the episode was recorded on \(id) version \(recorded), but version \(registered) is registered; replay it with the Gait that recorded it"
        }
    }
}
