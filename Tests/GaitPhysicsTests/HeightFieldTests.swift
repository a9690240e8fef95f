import Foundation
import Testing
import GaitFoundation
@testable import GaitPhysics

@Suite("Height fields") struct HeightFieldTests {
    @Test("a height field's samples are MuJoCo's: the elevation's first row at +y, scaled to [0, 1]")
    func samplesAsMuJoCoCompilesThem() throws {
        let model = try Model(mjcf: """
            <mujoco><asset><hfield name="h" nrow="2" ncol="3" size="1 2 0.5 0.1" elevation="0 1 2 3 4 8"/></asset>
            <worldbody><geom type="hfield" hfield="h"/></worldbody></mujoco>
            """)
        guard case .heightField(let field) = model.geoms[0].shape else {
            Issue.record("expected a height field")
            return
        }
        #expect(field.samples == [3, 4, 8, 0, 1, 2].map { $0 / 8.0 })
        #expect((field.rows, field.columns, field.radiusX, field.radiusY, field.elevation, field.base) == (2, 3, 1, 2, 0.5, 0.1))
        #expect(model.bodies[0].massProperties.mass == 0, "it has no mass")
    }

    /// Loads `model` from a new folder holding it as `main.xml` and `bytes` as `sub/<name>`.
    private func loadWithFieldFile(_ model: String, named name: String, bytes: [UInt8]) throws(ModelError) -> Model {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hfield-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try? Data(bytes).write(to: folder.appendingPathComponent("sub/\(name)"))
        try? Data(model.utf8).write(to: folder.appendingPathComponent("main.xml"))
        return try Model(contentsOf: folder.appendingPathComponent("main.xml"))
    }

    /// `loadWithFieldFile` with `field.bin` holding a header of `rows` and `columns` and then
    /// `samples`, in MuJoCo's binary height-field format.
    private func loadWithFieldFile(_ model: String, rows: Int32, columns: Int32, samples: [Float]) throws(ModelError) -> Model {
        var bytes: [UInt8] = []
        for word in [UInt32(bitPattern: rows), UInt32(bitPattern: columns)] + samples.map(\.bitPattern) {
            bytes += (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
        }
        return try loadWithFieldFile(model, named: "field.bin", bytes: bytes)
    }

    /// A PNG file of `rows` (each a filter byte and then the row's bytes) under an IHDR of
    /// `width` × `height`, `depth` bits and `colorType` (and a PLTE chunk of `palette`, if any), its
    /// zlib stream uncompressed.
    private static func png(width: Int, height: Int, depth: UInt8 = 8, colorType: UInt8 = 0, interlace: UInt8 = 0,
                            palette: [UInt8] = [], rows: [[UInt8]]) -> [UInt8] {
        func bigEndian(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            return bigEndian(body.count) + typed + bigEndian(Int(CRC32.checksum(typed)))
        }
        let raw = rows.flatMap { $0 }
        // zlib: a header, one stored deflate block (length, its complement), the bytes, Adler-32.
        let (a, b) = raw.reduce((1, 0)) { sums, byte in ((sums.0 + Int(byte)) % 65521, (sums.1 + (sums.0 + Int(byte)) % 65521) % 65521) }
        let length = [UInt8(raw.count & 0xFF), UInt8(raw.count >> 8)]
        let stream = [0x78, 0x01, 0x01] + length + length.map { ~$0 } + raw + bigEndian(b << 16 | a)
        let header = bigEndian(width) + bigEndian(height) + [depth, colorType, 0, 0, interlace]
        return [137, 80, 78, 71, 13, 10, 26, 10] + chunk("IHDR", header) + (palette.isEmpty ? [] : chunk("PLTE", palette))
            + chunk("IDAT", stream) + chunk("IEND", [])
    }

    private static let fieldFromPNG = """
        <mujoco><compiler meshdir="sub"/><asset><hfield name="h" file="field.png" size="1 2 0.5 0.1"/></asset>
        <worldbody><geom type="hfield" hfield="h"/></worldbody></mujoco>
        """

    @Test("a grayscale PNG height field: its top row at +y, its grey levels scaled to [0, 1]")
    func samplesFromAPNGFile() throws {
        let bytes = Self.png(width: 3, height: 2, rows: [[0, 0, 51, 102], [0, 153, 204, 255]])
        let model = try loadWithFieldFile(Self.fieldFromPNG, named: "field.png", bytes: bytes)
        guard case .heightField(let field) = model.geoms[0].shape else {
            Issue.record("expected a height field")
            return
        }
        #expect(field.samples == [153, 204, 255, 0, 51, 102].map { $0 / 255.0 })
        #expect(model.referencedFiles.map(\.lastPathComponent) == ["field.png"])
    }

    @Test("a colour PNG height field gives its red channel, a palette one its entries' red (0 past the palette)", arguments: [
        png(width: 2, height: 2, colorType: 2, rows: [[0, 0, 9, 9, 51, 1, 1], [0, 255, 0, 0, 102, 7, 7]]),
        png(width: 2, height: 2, depth: 16, colorType: 6, rows: [[0, 0, 1, 9, 9, 9, 9, 9, 9, 51, 2, 1, 1, 1, 1, 1, 1],
                                                                 [0, 255, 3, 0, 0, 0, 0, 0, 0, 102, 4, 7, 7, 7, 7, 7, 7]]),
        png(width: 2, height: 2, depth: 2, colorType: 3, palette: [51, 0, 0, 255, 9, 9, 102, 1, 1], rows: [[0, 0b1100_0000], [0, 0b0110_0000]]),
    ])
    func redOfColourPNGs(bytes: [UInt8]) throws {
        let model = try loadWithFieldFile(Self.fieldFromPNG, named: "field.png", bytes: bytes)
        guard case .heightField(let field) = model.geoms[0].shape else {
            Issue.record("expected a height field")
            return
        }
        #expect(field.samples == [255, 102, 0, 51].map { $0 / 255.0 })
    }

    @Test("a damaged PNG height field is refused with its reason", arguments: [
        (png(width: 2, height: 2, colorType: 3, rows: [[0, 1, 2], [0, 3, 4]]), "palette image without a valid PLTE chunk"),
        (png(width: 2, height: 2, interlace: 2, rows: [[0, 1, 2], [0, 3, 4]]), "unknown compression, filter or interlace method"),
        (png(width: 2, height: 2, depth: 3, rows: [[0, 1], [0, 3]]), "header is invalid"),
        (png(width: 1, height: 3, rows: [[0, 1], [0, 2], [0, 3]]), "at least 2 × 2"),
        (png(width: 2, height: 2, rows: [[7, 1, 2], [0, 3, 4]]), "unknown filter type 7"),
        (png(width: 2, height: 2, rows: [[0, 1, 2], [0, 3]]), "does not inflate"),
        (png(width: 2000, height: 2000, rows: [[0]]), "a height field holds 1 to 1000000 samples"),
        (Array(png(width: 2, height: 2, rows: [[0, 1, 2], [0, 3, 4]]).dropLast(5)), "ends inside a chunk"),
        (Array(png(width: 2, height: 2, rows: [[0, 1, 2], [0, 3, 4]]).dropLast(20)), "more than the file holds"),
        (png(width: 2, height: 2, rows: [[0, 1, 2], [0, 3, 4]]).enumerated().map { $0.offset == 20 ? $0.element ^ 1 : $0.element },
         "fails its CRC check"),
        (Array("P6 not a png".utf8), "not a PNG file"),
    ])
    func badPNGFiles(bytes: [UInt8], why: String) {
        #expect {
            _ = try loadWithFieldFile(Self.fieldFromPNG, named: "field.png", bytes: bytes)
        } throws: { error in
            "\(error)".hasPrefix("main.xml:1: 'field.png' ") && "\(error)".contains(why)
        }
    }

    private static let fieldFromFile = """
        <mujoco><compiler meshdir="sub"/><asset><hfield name="h" file="field.bin" size="1 2 0.5 0.1"/></asset>
        <worldbody><geom type="hfield" hfield="h"/></worldbody></mujoco>
        """

    @Test("a height field read from MuJoCo's binary format keeps the file's row order, scaled to [0, 1], found in meshdir")
    func samplesFromABinaryFile() throws {
        let model = try loadWithFieldFile(Self.fieldFromFile, rows: 2, columns: 3, samples: [0, 1, 2, 3, 4, 8])
        guard case .heightField(let field) = model.geoms[0].shape else {
            Issue.record("expected a height field")
            return
        }
        #expect(field.samples == [0, 1, 2, 3, 4, 8].map { $0 / 8.0 })
        #expect((field.rows, field.columns) == (2, 3))
        #expect(model.referencedFiles.map(\.lastPathComponent) == ["field.bin"], "gait envs add copies it with the model")
    }

    @Test("a binary height-field file with a bad header, size or sample is refused with its reason", arguments: [
        (Int32(2), Int32(3), [Float](repeating: 0, count: 5), "holds 28 bytes"),
        (1, 3, [0, 1, 2], "at least 2 × 2"),
        (-2, 3, [], "at least 2 × 2"),
        (2000, 2000, [], "at most 1000000"),
        (2, 2, [0, .nan, 1, 2], "not a finite number"),
    ])
    func badFiles(rows: Int32, columns: Int32, samples: [Float], why: String) {
        #expect {
            _ = try loadWithFieldFile(Self.fieldFromFile, rows: rows, columns: columns, samples: samples)
        } throws: { error in
            "\(error)".hasPrefix("main.xml:1: 'field.bin' ") && "\(error)".contains(why)
        }
    }

    @Test("a sphere dropped onto a height field's plateau comes to rest on it, the field turned or not", arguments: ["", "euler=\"0 0 90\""])
    func sphereRestsOnThePlateau(turn: String) throws {
        // Every sample 1 but one corner's: the cells away from that corner are flat at 0.3 + 0.05.
        let model = try Model(mjcf: """
            <mujoco><option timestep="0.002"/><asset><hfield name="h" nrow="3" ncol="3" size="1 1 0.3 0.1" elevation="1 1 1 1 1 1 1 1 0"/></asset>
            <worldbody><geom type="plane" size="5 5 0.1"/><geom type="hfield" hfield="h" pos="0 0 0.05" \(turn)/>
            <body pos="-0.5 0.5 1"><freejoint/><geom type="sphere" size="0.1"/></body></worldbody></mujoco>
            """)
        let simulation = Simulation(model: model)
        for _ in 0..<1_000 { try simulation.step(controls: []) }
        let centre = simulation.positions()
        #expect(abs(centre[2] - (0.05 + 0.3 + 0.1)) < 1e-3, "height \(centre[2])")
        #expect(abs(centre[0] + 0.5) < 1e-6 && abs(centre[1] - 0.5) < 1e-6, "it stays where it landed")
    }
}
