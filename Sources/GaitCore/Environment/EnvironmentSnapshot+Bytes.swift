/// A snapshot as self-contained bytes (for the C ABI and Python's `snapshot()`), naming the
/// environment it was taken from so that it is restored into that environment only:
///
///     "GAITSNAP"  u32 format version  u32 id length  id (UTF-8)  u32 environment version
///     parts (as in episode files)  u32 CRC-32 of everything before it
extension EnvironmentSnapshot {
    static let magic = Array("GAITSNAP".utf8)
    static let formatVersion: UInt32 = 2

    /// The snapshot's bytes, taken from version `version` of environment `environment`; every
    /// value round-trips bit for bit.
    public func encoded(environment: String, version: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(Self.magic)
        writer.u32(Self.formatVersion)
        writer.u32(UInt32(environment.utf8.count))
        writer.bytes(Array(environment.utf8))
        writer.u32(UInt32(truncatingIfNeeded: version))
        writer.parts(of: self)
        writer.u32(CRC32.checksum(writer.data))
        return writer.data
    }

    /// Reads bytes made by `encoded(environment:version:)` for version `version` of environment
    /// `environment`; damaged or foreign bytes, and another environment's, are `cannotRestore`.
    /// `verifyingChecksum: false` skips the checksum, so that a fuzzer's changes reach what lies
    /// past it.
    public init(encoded bytes: [UInt8], environment: String, version: Int, verifyingChecksum: Bool = true) throws(EnvironmentError) {
        guard bytes.count >= 16, bytes.starts(with: Self.magic) else {
            throw .cannotRestore("these bytes are not a Gait snapshot; pass what snapshot() returned")
        }
        var reader = ByteReader(bytes: Array(bytes.dropLast(4)), truncation: EpisodeError.truncated(path: "snapshot"))
        var checksum = ByteReader(bytes: Array(bytes.suffix(4)), truncation: EpisodeError.truncated(path: "snapshot"))
        do {
            guard try checksum.u32() == CRC32.checksum(bytes.dropLast(4)) || !verifyingChecksum else {
                throw EnvironmentError.cannotRestore("the snapshot is damaged (checksum mismatch)")
            }
            reader.offset = Self.magic.count
            let format = try reader.u32()
            guard format == Self.formatVersion else {
                throw EnvironmentError.cannotRestore("snapshot format version \(format); this Gait reads version \(Self.formatVersion)")
            }
            let idLength = Int(try reader.u32())
            guard idLength <= 256, let id = String(validating: try reader.bytes(idLength), as: UTF8.self) else {
                throw EnvironmentError.cannotRestore("the snapshot is malformed: its environment id is not a short UTF-8 text")
            }
            let takenVersion = try reader.u32()
            guard id == environment, takenVersion == UInt32(truncatingIfNeeded: version) else {
                throw EnvironmentError.cannotRestore("the snapshot was taken from \(id) version \(takenVersion); this environment is "
                                                     + "\(environment) version \(version): restore it into an environment made like the one that took it")
            }
            let snapshot = try reader.snapshot(path: "snapshot")
            guard reader.offset == reader.bytes.count else { throw EnvironmentError.cannotRestore("unexpected bytes after the snapshot") }
            self = snapshot
        } catch let error as EnvironmentError {
            throw error
        } catch {
            throw .cannotRestore("the snapshot is malformed: \(error)")
        }
    }
}
