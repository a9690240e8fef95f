/// Reads little-endian values from a byte array, failing cleanly at the end.
public struct ByteReader<Failure: Error> {
    public let bytes: [UInt8]
    /// What a read throws when fewer bytes remain than it needs.
    public let truncation: Failure
    /// Where the next read starts.
    public var offset = 0

    /// A reader of `bytes` from the start.
    public init(bytes: [UInt8], truncation: Failure) {
        self.bytes = bytes
        self.truncation = truncation
    }

    public mutating func bytes(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw truncation }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// One byte.
    public mutating func u8() throws(Failure) -> UInt8 { try bytes(1).first! }

    public mutating func u32() throws(Failure) -> UInt32 {
        try bytes(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    public mutating func u64() throws(Failure) -> UInt64 {
        try bytes(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func f64() throws(Failure) -> Double { Double(bitPattern: try u64()) }

    /// `count` floats; a count the remaining bytes cannot hold fails before anything is allocated.
    public mutating func floats(_ count: Int) throws(Failure) -> [Float] {
        guard count >= 0, count <= (bytes.count - offset) / 4 else { throw truncation }
        var values: [Float] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(Float(bitPattern: try u32())) }
        return values
    }

    /// `count` doubles; a count the remaining bytes cannot hold fails before anything is allocated.
    public mutating func doubles(_ count: Int) throws(Failure) -> [Double] {
        guard count >= 0, count <= (bytes.count - offset) / 8 else { throw truncation }
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try f64()) }
        return values
    }
}
