import CZlib
import GaitFoundation

/// A PNG image as MuJoCo's compiler reads a height field from one (lodepng decoding to 8-bit
/// grey): a grey image's levels 0–255, 16-bit samples by their high byte, 1-, 2- and 4-bit ones
/// scaled to 255; a colour image's red channel (lodepng's grey), a palette image's entries' red
/// (0 for an index past the palette); alpha ignored; interlaced (Adam7) or not. Anything
/// damaged is refused: a bad signature, chunk CRC, header, palette, compressed stream or filter.
struct HeightFieldPNG {
    /// Why an image cannot be read.
    struct Refusal: Error {
        let reason: String
    }

    let width: Int
    let height: Int
    /// Grey levels, row by row, the top row first.
    let levels: [UInt8]

    private static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
    /// The samples per pixel of each PNG colour type (grey, RGB, palette, grey and alpha, RGBA),
    /// and the bit depths it allows.
    private static let colorTypes: [UInt8: (channels: Int, depths: Set<Int>)] = [
        0: (1, [1, 2, 4, 8, 16]), 2: (3, [8, 16]), 3: (1, [1, 2, 4, 8]), 4: (2, [8, 16]), 6: (4, [8, 16]),
    ]
    /// Adam7's seven passes: the first pixel each takes and its steps across and down.
    private static let adam7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

    /// Decodes `bytes`; the image may hold at most `maximumPixels` pixels.
    init(bytes: [UInt8], maximumPixels: Int) throws(Refusal) {
        guard bytes.starts(with: Self.signature) else { throw Refusal(reason: "it is not a PNG file (its first 8 bytes are not PNG's signature)") }
        var header: [UInt8]?
        var palette: [UInt8]?
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
            case "PLTE": palette = body
            case "IDAT": compressed += body
            case "IEND": break chunks
            default: continue
            }
        }
        guard let header, header.count == 13 else { throw Refusal(reason: "it has no valid IHDR chunk") }
        let (width, height) = (Self.bigEndian(header, at: 0), Self.bigEndian(header, at: 4))
        let (depth, colorType, interlace) = (Int(header[8]), header[9], header[12])
        guard width >= 1, height >= 1, width <= maximumPixels, height <= maximumPixels / width else {
            throw Refusal(reason: "it is \(width) × \(height) pixels; a height field holds 1 to \(maximumPixels) samples")
        }
        guard let kind = Self.colorTypes[colorType], kind.depths.contains(depth), header[10] == 0, header[11] == 0, interlace <= 1 else {
            throw Refusal(reason: "its header is invalid (bit depth \(depth) for colour type \(colorType), or an unknown compression, filter or interlace method)")
        }
        if colorType == 3 {
            guard let palette, !palette.isEmpty, palette.count % 3 == 0, palette.count <= 3 * (1 << depth) else {
                throw Refusal(reason: "it is a palette image without a valid PLTE chunk: the file is damaged")
            }
        }
        let bitsPerPixel = depth * kind.channels, highest = (1 << depth) - 1
        /// The grey level of the pixel whose first bit is `bit` in `pixels`.
        func level(_ pixels: [UInt8], bit: Int) -> UInt8 {
            let byte = Int(pixels[bit / 8])
            // 8 and 16 bits: the first sample's (high) byte; fewer: the sample, an index or scaled to 255.
            let sample = depth >= 8 ? byte : (byte >> (8 - depth - bit % 8)) & highest
            if colorType == 3, let palette { return 3 * sample < palette.count ? palette[3 * sample] : 0 }
            return UInt8(depth >= 8 ? sample : sample * 255 / highest)
        }
        let passes = interlace == 0 ? [(0, 0, 1, 1)] : Self.adam7
        let sizes = passes.map { pass in
            (columns: (width - pass.0 + pass.2 - 1) / pass.2, rows: (height - pass.1 + pass.3 - 1) / pass.3)
        }
        let rowBytes = sizes.map { ($0.columns * bitsPerPixel + 7) / 8 }
        let raw = try Self.inflate(compressed, count: zip(sizes, rowBytes).reduce(0) { total, pass in
            total + (pass.0.columns > 0 ? pass.0.rows * (pass.1 + 1) : 0)
        })
        var levels = [UInt8](repeating: 0, count: width * height)
        var start = 0
        for ((first, size), rowBytes) in zip(zip(passes, sizes), rowBytes) where size.columns > 0 && size.rows > 0 {
            let count = size.rows * (rowBytes + 1)
            let pixels = try Self.unfiltered(Array(raw[start..<start + count]), rows: size.rows, rowBytes: rowBytes,
                                             bytesPerPixel: max(1, bitsPerPixel / 8))
            start += count
            for row in 0..<size.rows {
                for column in 0..<size.columns {
                    levels[(first.1 + row * first.3) * width + first.0 + column * first.2] = level(pixels, bit: row * rowBytes * 8 + column * bitsPerPixel)
                }
            }
        }
        (self.width, self.height, self.levels) = (width, height, levels)
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
