/// A snapshot as self-contained bytes (for the C ABI and Python's `snapshot()`):
///
///     "GAITSNAP"  u32 format version  parts (as in episode files)  u32 CRC-32 of everything before it
extension EnvironmentSnapshot {
    static let magic = Array("GAITSNAP".utf8)
    static let formatVersion: UInt32 = 1

    /// The snapshot's bytes; every value round-trips bit for bit.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(Self.magic)
        writer.u32(Self.formatVersion)
        writer.parts(of: self)
        writer.u32(CRC32.checksum(writer.data))
        return writer.data
    }

    /// Reads bytes made by `encoded()`; damaged or foreign bytes are `cannotRestore`.
    public init(encoded bytes: [UInt8]) throws(EnvironmentError) {
        guard bytes.count >= 16, bytes.starts(with: Self.magic) else {
            throw .cannotRestore("these bytes are not a Gait snapshot; pass what snapshot() returned")
        }
        var reader = ByteReader(bytes: Array(bytes.dropLast(4)), truncation: EpisodeError.truncated(path: "snapshot"))
        var checksum = ByteReader(bytes: Array(bytes.suffix(4)), truncation: EpisodeError.truncated(path: "snapshot"))
        do {
            guard try checksum.u32() == CRC32.checksum(bytes.dropLast(4)) else {
                throw EnvironmentError.cannotRestore("the snapshot is damaged (checksum mismatch)")
            }
            reader.offset = Self.magic.count
            let version = try reader.u32()
            guard version == Self.formatVersion else {
                throw EnvironmentError.cannotRestore("snapshot format version \(version); this Gait reads version \(Self.formatVersion)")
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
