/// Reads little-endian values from a byte array, failing cleanly at the end.
struct ByteReader {
    let bytes: [UInt8]
    let path: String
    var offset = 0

    mutating func bytes(_ count: Int) throws(EpisodeError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw .truncated(path: path) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func u8() throws(EpisodeError) -> UInt8 { try bytes(1).first! }

    mutating func u32() throws(EpisodeError) -> UInt32 {
        try bytes(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64() throws(EpisodeError) -> UInt64 {
        try bytes(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func f64() throws(EpisodeError) -> Double { Double(bitPattern: try u64()) }

    /// `count` floats; a count the remaining bytes cannot hold fails before anything is allocated.
    mutating func floats(_ count: Int) throws(EpisodeError) -> [Float] {
        guard count >= 0, count <= (bytes.count - offset) / 4 else { throw .truncated(path: path) }
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(Float(bitPattern: try u32())) }
        return values
    }

    /// `count` doubles; a count the remaining bytes cannot hold fails before anything is allocated.
    mutating func doubles(_ count: Int) throws(EpisodeError) -> [Double] {
        guard count >= 0, count <= (bytes.count - offset) / 8 else { throw .truncated(path: path) }
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try f64()) }
        return values
    }
}
