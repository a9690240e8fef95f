/// Appends little-endian values to a byte array.
public struct ByteWriter {
    /// The bytes written so far.
    public var data: [UInt8] = []

    /// An empty writer.
    public init() {}

    public mutating func bytes(_ values: [UInt8]) { data += values }
    public mutating func u8(_ value: UInt8) { data.append(value) }
    public mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data += $0 } }
    public mutating func f32(_ value: Float) { u32(value.bitPattern) }
    public mutating func f64(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 } }
}
