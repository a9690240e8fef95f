/// Appends little-endian values to a byte array.
struct ByteWriter {
    var data: [UInt8] = []

    mutating func bytes(_ values: [UInt8]) { data += values }
    mutating func u8(_ value: UInt8) { data.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data += $0 } }
    mutating func f32(_ value: Float) { u32(value.bitPattern) }
    mutating func f64(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { data += $0 } }
}
