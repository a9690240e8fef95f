import Foundation
import Glibc

/// Text and bytes handed to the caller: copied into memory from `malloc`, which the caller
/// releases with `gait_free`.
enum TextResult {
    /// Stores a copy of `bytes` (with a terminating zero, so that text can be read as a C string)
    /// in `result` and its length without the zero in `length`.
    static func hand(_ bytes: some Collection<UInt8>, to result: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                     length: UnsafeMutablePointer<Int>?) throws {
        guard let result else { throw ABIError.nullArgument("the result pointer") }
        guard let memory = malloc(bytes.count + 1)?.assumingMemoryBound(to: UInt8.self) else {
            throw ABIError.outOfRange(name: "the result's size", value: bytes.count, range: 0...Int(Int32.max))
        }
        _ = UnsafeMutableBufferPointer(start: memory, count: bytes.count).initialize(from: bytes)
        memory[bytes.count] = 0
        result.pointee = memory
        length?.pointee = bytes.count
    }

    /// Hands `value` over as compact JSON (non-finite numbers as the strings "nan", "inf", "-inf").
    static func handJSON(_ value: some Encodable, to result: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                         length: UnsafeMutablePointer<Int>?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try hand(encoder.encode(value), to: result, length: length)
    }
}
