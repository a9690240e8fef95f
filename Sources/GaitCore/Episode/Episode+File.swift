import Foundation

/// The episode file format (all numbers little-endian):
///
///     "GAITEPIS"  u32 format version  u32 header length  header (JSON)
///     u32 steps   f32 × observationSize (initial observation)
///     per step:   f32 × actionSize, f32 × observationSize, f64 reward, u8 flags (1 terminated, 2 truncated)
///     u32 snapshots; per snapshot: u32 step, u32 parts; per part: u32 name length, name (UTF-8),
///                 u32 count, f64 × count
///     u32 CRC-32 of everything before it
extension Episode {
    static let magic = Array("GAITEPIS".utf8)
    /// The largest observation or action a file may declare (far above any robot's).
    static let maximumVectorSize = 1 << 20
    /// The largest file Gait reads (16 GiB).
    public static let maximumFileSize = 1 << 34

    /// The file's bytes.
    public func encoded() -> Data {
        var writer = ByteWriter()
        writer.bytes(Self.magic)
        writer.u32(UInt32(header.formatVersion))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(header)) ?? Data()
        writer.u32(UInt32(json.count))
        writer.bytes(Array(json))
        writer.u32(UInt32(count))
        initialObservation.forEach { writer.f32($0) }
        for index in 0..<count {
            actions[index].forEach { writer.f32($0) }
            observations[index].forEach { writer.f32($0) }
            writer.f64(rewards[index])
            writer.u8((terminated[index] ? 1 : 0) | (truncated[index] ? 2 : 0))
        }
        writer.u32(UInt32(snapshots.count))
        for snapshot in snapshots {
            writer.u32(UInt32(snapshot.step))
            writer.parts(of: snapshot.state)
        }
        writer.u32(CRC32.checksum(writer.data))
        return Data(writer.data)
    }

    /// Reads an episode from its bytes; `path` names it in errors. `verifyingChecksum: false`
    /// skips the checksum, so that a fuzzer's changes reach what lies past it.
    public init(decoding data: Data, path: String = "<data>", verifyingChecksum: Bool = true) throws(EpisodeError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == Self.magic else {
            throw bytes.count < 8 && Self.magic.starts(with: bytes) ? .truncated(path: path) : .notAnEpisode(path: path)
        }
        var reader = ByteReader(bytes: bytes, truncation: EpisodeError.truncated(path: path))
        reader.offset = 8
        let version = Int(try reader.u32())
        guard version == Self.formatVersion else { throw .unsupportedVersion(path: path, version: version) }
        guard bytes.count >= 16 else { throw .truncated(path: path) }
        let stored = UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8
            | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(bytes[bytes.count - 1]) << 24
        let headerLength = Int(try reader.u32())
        let headerBytes = try reader.bytes(headerLength)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
        } catch {
            throw CRC32.checksum(bytes.dropLast(4)) == stored ? .malformed(path: path, reason: "unreadable header")
                : .corrupted(path: path)
        }
        guard (0...Self.maximumVectorSize).contains(header.observationSize),
              (0...Self.maximumVectorSize).contains(header.actionSize), header.snapshotInterval > 0 else {
            throw .malformed(path: path, reason: "observation and action sizes must lie in 0...\(Self.maximumVectorSize) "
                             + "and the snapshot interval must be positive")
        }
        var episode = Episode(header: header, initialObservation: [])
        let steps = Int(try reader.u32())
        let stepBytes = 4 * (header.actionSize + header.observationSize) + 9
        guard steps <= (bytes.count - reader.offset) / max(stepBytes, 1) else { throw .truncated(path: path) }
        episode.initialObservation = try reader.floats(header.observationSize)
        for _ in 0..<steps {
            episode.actions.append(try reader.floats(header.actionSize))
            episode.observations.append(try reader.floats(header.observationSize))
            let reward = try reader.f64()
            guard reward.isFinite else { throw .malformed(path: path, reason: "the reward of step \(episode.rewards.count + 1) is not a finite number") }
            episode.rewards.append(reward)
            let flags = try reader.u8()
            guard flags < 4 else { throw .corrupted(path: path) }
            episode.terminated.append(flags & 1 != 0)
            episode.truncated.append(flags & 2 != 0)
        }
        let snapshotCount = Int(try reader.u32())
        guard snapshotCount <= (bytes.count - reader.offset) / 8 else { throw .truncated(path: path) }
        for _ in 0..<snapshotCount {
            let step = Int(try reader.u32())
            guard step <= steps else { throw .malformed(path: path, reason: "a snapshot after step \(step) of \(steps)") }
            episode.snapshots.append(Snapshot(step: step, state: try reader.snapshot(path: path)))
        }
        guard reader.offset + 4 <= bytes.count else { throw .truncated(path: path) }
        guard reader.offset + 4 == bytes.count else { throw .malformed(path: path, reason: "unexpected bytes after the data") }
        guard !verifyingChecksum || CRC32.checksum(bytes.dropLast(4)) == stored else { throw .corrupted(path: path) }
        self = episode
    }

    /// Writes the episode durably (see `DurableFile`).
    public func write(to url: URL) throws(EpisodeError) {
        if let index = rewards.firstIndex(where: { !$0.isFinite }) {
            throw .io(path: url.path, reason: "cannot record the episode: the reward of step \(index + 1) is \(rewards[index]), and rewards "
                      + "must be finite numbers (gait check \(header.environmentID) tests an environment for this)")
        }
        do {
            try DurableFile.write(encoded(), to: url)
        } catch {
            throw .io(path: url.path, reason: "cannot write the episode (\(error)); check that the folder exists and is writable and the disk is not full")
        }
    }

    /// Reads an episode file.
    public init(contentsOf url: URL) throws(EpisodeError) {
        let data: Data
        do {
            data = try InputFile.bytes(url, limit: Self.maximumFileSize)
        } catch {
            throw .io(path: url.path, reason: "cannot use it as an episode file: \(error)")
        }
        try self.init(decoding: data, path: url.path)
    }
}
