/// Snapshots in episode files and snapshot bytes: u32 parts; per part: u32 name length, name
/// (UTF-8), u32 count, f64 × count.
extension ByteWriter {
    /// Writes the parts of `snapshot`.
    mutating func parts(of snapshot: EnvironmentSnapshot) {
        u32(UInt32(snapshot.parts.count))
        for part in snapshot.parts {
            u32(UInt32(part.name.utf8.count))
            bytes(Array(part.name.utf8))
            u32(UInt32(part.values.count))
            part.values.forEach { f64($0) }
        }
    }
}

extension ByteReader where Failure == EpisodeError {
    /// Reads the parts written by `ByteWriter.parts(of:)`; no count can allocate more than the
    /// remaining bytes hold. `path` names the bytes in errors.
    mutating func snapshot(path: String) throws(EpisodeError) -> EnvironmentSnapshot {
        let partCount = Int(try u32())
        guard partCount <= (bytes.count - offset) / 8 else { throw truncation }
        var parts: [EnvironmentSnapshot.Part] = []
        for _ in 0..<partCount {
            let nameLength = Int(try u32())
            guard nameLength <= 256 else { throw .malformed(path: path, reason: "a snapshot part name of \(nameLength) bytes") }
            guard let name = String(validating: try bytes(nameLength), as: UTF8.self) else {
                throw .malformed(path: path, reason: "a snapshot part name that is not UTF-8")
            }
            let count = Int(try u32())
            guard count <= (bytes.count - offset) / 8 else { throw truncation }
            parts.append(EnvironmentSnapshot.Part(name: name, values: try doubles(count)))
        }
        return EnvironmentSnapshot(parts: parts)
    }
}
