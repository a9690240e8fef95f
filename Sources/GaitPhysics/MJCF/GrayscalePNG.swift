import CZlib
import GaitFoundation

/// A grayscale PNG image as MuJoCo's compiler reads a height field from one (lodepng decoding
/// to 8-bit grey): grey levels 0–255, 16-bit samples by their high byte, 1-, 2- and 4-bit ones
/// scaled to 255, alpha ignored. Colour and palette images, whose grey MuJoCo derives by
/// lodepng's own rules, and interlaced ones are refused, as is anything damaged: a bad
/// signature, chunk CRC, header, compressed stream or filter.
struct GrayscalePNG {
    /// Why an image cannot be read.
    struct Refusal: Error {
        let reason: String
    }

    let width: Int
    let height: Int
    /// Grey levels, row by row, the top row first.
    let levels: [UInt8]

    private static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// Decodes `bytes`; the image may hold at most `maximumPixels` pixels.
    init(bytes: [UInt8], maximumPixels: Int) throws(Refusal) {
        guard bytes.starts(with: Self.signature) else { throw Refusal(reason: "it is not a PNG file (its first 8 bytes are not PNG's signature)") }
        var header: [UInt8]?
        var compressed: [UInt8] = []
        var offset = Self.signature.count
        chunks: while true {
            guard offset + 12 <= bytes.count else { throw Refusal(reason: "it ends inside a chunk, before the IEND chunk") }
            let length = Self.bigEndian(bytes, at: offset)
            guard length <= bytes.count - offset - 12 else { throw Refusal(reason: "a chunk claims \(length) bytes, more than the file holds") }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = Array(bytes[offset + 8..<offset + 8 + length])
            guard CRC32.checksum(bytes[offset + 4..<offset + 8 + length]) == Self.bigEndian(bytes, at: offset + 8 + length) else {
                throw Refusal(reason: "its \(type) chunk fails its CRC check: the file is damaged")
            }
            offset += 12 + length
            switch type {
            case "IHDR": header = body
            case "IDAT": compressed += body
            case "IEND": break chunks
            default: continue
            }
        }
        guard let header, header.count == 13 else { throw Refusal(reason: "it has no valid IHDR chunk") }
        (width, height) = (Self.bigEndian(header, at: 0), Self.bigEndian(header, at: 4))
        let (depth, colorType, interlace) = (Int(header[8]), header[9], header[12])
        guard width >= 1, height >= 1, width <= maximumPixels, height <= maximumPixels / width else {
            throw Refusal(reason: "it is \(width) × \(height) pixels; a height field holds 1 to \(maximumPixels) samples")
        }
        guard colorType == 0 || colorType == 4 else {
            throw Refusal(reason: "it is a colour or palette image (PNG colour type \(colorType)); save it as grayscale")
        }
        guard colorType == 0 ? [1, 2, 4, 8, 16].contains(depth) : [8, 16].contains(depth), header[10] == 0, header[11] == 0 else {
            throw Refusal(reason: "its header is invalid (bit depth \(depth) for colour type \(colorType), or an unknown compression or filter method)")
        }
        guard interlace == 0 else { throw Refusal(reason: "it is interlaced (Adam7); save it without interlacing") }
        let bitsPerPixel = depth * (colorType == 4 ? 2 : 1)
        let rowBytes = (width * bitsPerPixel + 7) / 8
        let raw = try Self.inflate(compressed, count: height * (rowBytes + 1))
        let pixels = try Self.unfiltered(raw, rows: height, rowBytes: rowBytes, bytesPerPixel: max(1, bitsPerPixel / 8))
        let highest = (1 << depth) - 1
        var levels = [UInt8](repeating: 0, count: width * height)
        for row in 0..<height {
            for column in 0..<width {
                let bit = row * rowBytes * 8 + column * bitsPerPixel
                let byte = Int(pixels[bit / 8])
                // 8 and 16 bits: the grey sample's (high) byte; fewer: the sample scaled to 255.
                let sample = depth >= 8 ? byte : (byte >> (8 - depth - bit % 8)) & highest
                levels[row * width + column] = UInt8(depth >= 8 ? sample : sample * 255 / highest)
            }
        }
        self.levels = levels
    }

    /// The big-endian 32-bit number at `offset`.
    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    /// The zlib stream `compressed`, inflated: exactly `count` bytes, or a refusal.
    private static func inflate(_ compressed: [UInt8], count: Int) throws(Refusal) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        var produced = uLongf(count)
        let status = output.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &produced, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, produced == count else {
            throw Refusal(reason: "its image data does not inflate to the \(count) bytes its header implies (zlib status \(status)): the file is damaged")
        }
        return output
    }

    /// The rows of `raw` (each a filter-type byte, then `rowBytes` bytes) with PNG's filters
    /// (None, Sub, Up, Average, Paeth) undone.
    private static func unfiltered(_ raw: [UInt8], rows: Int, rowBytes: Int, bytesPerPixel: Int) throws(Refusal) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: rows * rowBytes)
        for row in 0..<rows {
            let filter = raw[row * (rowBytes + 1)]
            guard filter <= 4 else { throw Refusal(reason: "row \(row) has an unknown filter type \(filter): the file is damaged") }
            for i in 0..<rowBytes {
                let x = Int(raw[row * (rowBytes + 1) + 1 + i])
                let a = i >= bytesPerPixel ? Int(pixels[row * rowBytes + i - bytesPerPixel]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * rowBytes + i]) : 0
                let c = row > 0 && i >= bytesPerPixel ? Int(pixels[(row - 1) * rowBytes + i - bytesPerPixel]) : 0
                let predicted = switch filter {
                case 0: 0
                case 1: a
                case 2: b
                case 3: (a + b) / 2
                default: Self.paeth(a, b, c)
                }
                pixels[row * rowBytes + i] = UInt8((x + predicted) & 0xFF)
            }
        }
        return pixels
    }

    /// PNG's Paeth predictor: whichever of left, above and upper-left is nearest a + b − c.
    private static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
}
