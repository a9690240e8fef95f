@testable import GaitCLI
@testable import GaitRuns
import Testing

@Suite("TensorBoard event files")
struct TensorBoardTests {
    @Test("CRC-32C and TensorFlow's mask match their published values")
    func checksums() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        let crc = CRC32C.checksum([1, 2, 3])
        #expect(CRC32C.masked([1, 2, 3]) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
    }

    @Test("a record frames its data with its length and both masked checksums")
    func framing() {
        let data: [UInt8] = Array("event".utf8)
        let record = TensorBoardFile.record(data)
        #expect(record.count == 8 + 4 + data.count + 4)
        #expect(Array(record[0..<8]) == [5, 0, 0, 0, 0, 0, 0, 0])
        let lengthCRC = UInt32(record[8]) | UInt32(record[9]) << 8 | UInt32(record[10]) << 16 | UInt32(record[11]) << 24
        #expect(lengthCRC == CRC32C.masked(record[0..<8]))
        #expect(Array(record[12..<17]) == data)
        // A scalar event: wall time (field 1, double), step (2, varint 300 = AC 02), summary (5).
        let event = TensorBoardFile.event(wallTime: 1, step: 300, tag: "x", value: 0.5)
        #expect(Array(event.prefix(9)) == [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F] && Array(event[9..<12]) == [0x10, 0xAC, 0x02])
        #expect(event[12] == 0x2A)
    }
}
