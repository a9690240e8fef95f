import Foundation
import GaitFoundation

/// Named float32 tensors with string metadata in the safetensors format: an 8-byte
/// little-endian header length, a JSON header (dtype, shape and data offsets per tensor, plus a
/// `__metadata__` map), then the raw little-endian data. Python's `safetensors` reads Gait's
/// files, and PyTorch can load the weights.
///
/// Gait adds the CRC-32 of the data section to the metadata (`gait.data_crc32`) and checks it
/// when present, so that damaged data is caught as well as damaged headers.
public struct Safetensors: Sendable, Equatable {
    /// One tensor: its shape and its values in row-major order.
    public struct Tensor: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Float]

        /// A tensor; `values.count` must be the product of `shape`.
        public init(shape: [Int], values: [Float]) {
            precondition(shape.reduce(1, *) == values.count, "\(values.count) values do not fill shape \(shape)")
            self.shape = shape
            self.values = values
        }
    }

    static let checksumKey = "gait.data_crc32"
    /// The largest file Gait reads (64 GiB).
    public static let maximumFileSize = 1 << 36

    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// Free-form string metadata.
    public var metadata: [String: String]

    /// A set of tensors with metadata.
    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The file's bytes. Tensors are laid out in name order.
    public func encoded() -> Data {
        var data: [UInt8] = []
        data.reserveCapacity(4 * tensors.values.reduce(0) { $0 + $1.values.count })
        var header: [String: Any] = [:]
        for name in tensors.keys.sorted() {
            let tensor = tensors[name]!
            let start = data.count
            tensor.values.map(\.bitPattern.littleEndian).withUnsafeBytes { data += $0 }
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [start, data.count]] as [String: Any]
        }
        var fullMetadata = metadata
        fullMetadata[Self.checksumKey] = String(CRC32.checksum(data))
        header["__metadata__"] = fullMetadata
        var json = [UInt8]((try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data())
        while json.count % 8 != 0 { json.append(0x20) }
        var file: [UInt8] = []
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file += $0 }
        return Data(file + json + data)
    }

    /// Reads tensors from a file's bytes; `path` names it in errors. `verifyingChecksum: false`
    /// skips the data checksum, so that a fuzzer's changes reach what lies past it.
    public init(decoding data: Data, path: String = "<data>", verifyingChecksum: Bool = true) throws(CheckpointError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw .truncated(path: path) }
        // A safetensors file is a header length, then the header's JSON object.
        guard bytes.count == 8 || bytes[8] == UInt8(ascii: "{") else { throw .notCheckpoint(path: path) }
        let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw headerLength > 100_000_000 ? .corrupted(path: path, reason: "impossible header length") : .truncated(path: path)
        }
        let dataStart = 8 + Int(headerLength)
        let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        guard let header = object as? [String: Any] else { throw .corrupted(path: path, reason: "the JSON header is unreadable") }
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        var ranges: [(Int, Int)] = []
        let dataSize = bytes.count - dataStart
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let map = entry as? [String: String] else { throw .corrupted(path: path, reason: "__metadata__ is not a string map") }
                metadata = map
                continue
            }
            guard let fields = entry as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int],
                  offsets.count == 2, let elements = Self.elementCount(shape) else {
                throw .corrupted(path: path, reason: "tensor '\(name)' has an invalid header entry")
            }
            guard dtype == "F32" else {
                throw .unsupported(path: path, reason: "tensor '\(name)' is \(dtype); Gait checkpoints hold F32 tensors only")
            }
            let (start, end) = (offsets[0], offsets[1])
            guard start >= 0, start <= end, elements <= dataSize / 4, end - start == 4 * elements else {
                throw .corrupted(path: path, reason: "tensor '\(name)' has offsets that do not match its shape")
            }
            guard end <= dataSize else { throw .truncated(path: path) }
            ranges.append((start, end))
            var words = [UInt32](repeating: 0, count: (end - start) / 4)
            words.withUnsafeMutableBytes { $0.copyBytes(from: bytes[(dataStart + start)..<(dataStart + end)]) }
            let values = words.map { Float(bitPattern: UInt32(littleEndian: $0)) }
            tensors[name] = Tensor(shape: shape, values: values)
        }
        ranges.sort { $0 < $1 }  // empty tensors (start == end) before the one starting there
        var covered = 0
        for (start, end) in ranges {
            guard start == covered else { throw .corrupted(path: path, reason: "tensor data overlaps or leaves gaps") }
            covered = end
        }
        guard covered == dataSize else {
            throw .corrupted(path: path, reason: "\(dataSize - covered) bytes after the last tensor")
        }
        if let stored = metadata.removeValue(forKey: Self.checksumKey), verifyingChecksum,
           stored != String(CRC32.checksum(bytes[dataStart...])) {
            throw .corrupted(path: path, reason: "the data checksum does not match")
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The number of elements of `shape`, or nil when a size is negative or their product
    /// overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        guard shape.allSatisfy({ $0 >= 0 }) else { return nil }
        if shape.contains(0) { return 0 }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// Writes the file durably (see `DurableFile`): an interrupted write never replaces a good
    /// checkpoint with a partial one.
    public func write(to url: URL) throws(CheckpointError) {
        do {
            try DurableFile.write(encoded(), to: url)
        } catch {
            throw .io(path: url.path, reason: "cannot write the checkpoint (\(error)); check that the folder exists and is writable and the disk is not full")
        }
    }

    /// Reads a safetensors file.
    public init(contentsOf url: URL) throws(CheckpointError) {
        try self.init(decoding: Self.bytes(contentsOf: url), path: url.path)
    }

    /// The bytes of the file at `url`, read with `InputFile`'s checks and the size limit.
    public static func bytes(contentsOf url: URL) throws(CheckpointError) -> Data {
        do {
            return try InputFile.bytes(url, limit: maximumFileSize)
        } catch {
            throw .io(path: url.path, reason: "cannot use it as a checkpoint: \(error)")
        }
    }
}
