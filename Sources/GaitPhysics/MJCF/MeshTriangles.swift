import Foundation
import GaitFoundation

/// A mesh asset's surface as its file or its `vertex` and `face` attributes give it, before
/// MuJoCo's compiler moves it: vertices rounded to float (MuJoCo stores them so) and triangles
/// as three vertex indices each.
///
/// Binary STL (MuJoCo's limits: 1 to 200,000 triangles and coordinates within ±2^30; vertices
/// equal bit for bit merged, as MuJoCo's decoder merges them) and Wavefront OBJ (its `v` and `f` lines,
/// see `init(obj:)`) are read.
struct MeshTriangles {
    /// Why a mesh cannot be read.
    struct Refusal: Error {
        let reason: String
    }

    var vertices: [Vector3]
    var triangles: [SIMD3<Int32>]

    /// The most triangles an STL file may hold (MuJoCo's limit).
    static let maximumSTLTriangles = 200_000
    /// The most vertices or triangles any other mesh may hold.
    static let maximumElements = 1_000_000
    /// The largest coordinate MuJoCo's STL decoder accepts.
    static let largestCoordinate: Float = 1_073_741_824  // 2^30

    /// Vertices (x y z each) and triangles (three 0-based indices each), as a `<mesh>`'s
    /// `vertex` and `face` attributes give them.
    init(vertexNumbers: [Double], faceIndices: [Double]) throws(Refusal) {
        guard vertexNumbers.count % 3 == 0, faceIndices.count % 3 == 0 else {
            throw Refusal(reason: "vertex and face take whole triples of numbers (\(vertexNumbers.count) and \(faceIndices.count) given)")
        }
        vertices = stride(from: 0, to: vertexNumbers.count, by: 3).map {
            Self.rounded(Float(vertexNumbers[$0]), Float(vertexNumbers[$0 + 1]), Float(vertexNumbers[$0 + 2]))
        }
        triangles = []
        for start in stride(from: 0, to: faceIndices.count, by: 3) {
            let corners = faceIndices[start..<start + 3]
            guard corners.allSatisfy({ $0.rounded() == $0 && $0 >= 0 && $0 < Double(vertexNumbers.count / 3) }) else {
                throw Refusal(reason: "face \(start / 3) names a vertex that does not exist (indices count from 0 to \(vertexNumbers.count / 3 - 1))")
            }
            triangles.append(SIMD3(corners.map { Int32($0) }))
        }
        try checkSize()
    }

    /// A file's mesh: binary STL for a name ending in `.stl`, OBJ for `.obj`.
    init(file name: String, bytes: [UInt8]) throws(Refusal) {
        switch (name as NSString).pathExtension.lowercased() {
        case "stl": try self.init(stl: bytes)
        case "obj": try self.init(obj: bytes)
        default: throw Refusal(reason: "Gait reads binary STL (.stl) and Wavefront OBJ (.obj) meshes; convert it to one of them")
        }
    }

    /// Binary STL: an 80-byte header, a uint32 triangle count, then per triangle a normal and
    /// three corners (float32 x, y, z each) and two attribute bytes.
    init(stl bytes: [UInt8]) throws(Refusal) {
        let refusal = Refusal(reason: "it is not a binary STL file of 1 to \(Self.maximumSTLTriangles) triangles (\(bytes.count) bytes); an ASCII STL file must be converted to binary, as MuJoCo requires")
        var reader = ByteReader(bytes: bytes, truncation: refusal)
        _ = try reader.bytes(80)
        let count = Int(try reader.u32())
        guard (1...Self.maximumSTLTriangles).contains(count), bytes.count == 84 + 50 * count else { throw refusal }
        var index: [SIMD3<UInt32>: Int32] = [:]
        vertices = []
        triangles = []
        triangles.reserveCapacity(count)
        for _ in 0..<count {
            _ = try reader.bytes(12)
            var corners = SIMD3<Int32>()
            for corner in 0..<3 {
                let xyz = try reader.floats(3)
                guard xyz.allSatisfy({ abs($0) <= Self.largestCoordinate }) else {
                    throw Refusal(reason: "a vertex lies beyond ±2^30 (or is not a number), the most MuJoCo reads")
                }
                let key = SIMD3(xyz[0].bitPattern, xyz[1].bitPattern, xyz[2].bitPattern)  // bit for bit, as MuJoCo compares
                if let known = index[key] {
                    corners[corner] = known
                } else {
                    corners[corner] = Int32(vertices.count)
                    index[key] = corners[corner]
                    vertices.append(Self.rounded(xyz[0], xyz[1], xyz[2]))
                }
            }
            _ = try reader.bytes(2)
            triangles.append(corners)
        }
        try checkSize()
    }

    /// Wavefront OBJ, as MuJoCo's loader reads it: `v x y z` lines give vertices (a missing
    /// coordinate is 0), `f` lines polygons of their 1-based (or, negative, counted back from the
    /// vertices read so far) indices, `i`, `i/t`, `i//n` or `i/t/n` each. A quad is split along its
    /// shorter diagonal; a face of two corners is dropped; one of five or more is refused (MuJoCo
    /// clips its ears, which Gait does not), as are faces in a second `o` or `g` group (MuJoCo
    /// reads only the first). Normals (`vn`) are not read, but as in MuJoCo, once a file has any,
    /// every corner of a face of three or more must name one of them. Indices are read as C's
    /// `atoi` reads them (`1abc` is 1). Other lines (texture coordinates, materials, comments)
    /// are skipped.
    init(obj bytes: [UInt8]) throws(Refusal) {
        vertices = []
        triangles = []
        var polygons: [(line: Int, corners: [Int], normals: [Int?])] = []
        var lineNumber = 0, groupEnded = false, normalCount = 0, textureCount = 0
        for line in String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first else { continue }
            if keyword == "v" {
                let xyz = words.dropFirst().prefix(3).map { Float($0) }
                guard !xyz.isEmpty, xyz.allSatisfy({ $0?.isFinite == true }) else {
                    throw Refusal(reason: "line \(lineNumber): a vertex takes up to three finite numbers")
                }
                let given = xyz.compactMap { $0 } + [0, 0]
                vertices.append(Self.rounded(given[0], given[1], given[2]))
            } else if keyword == "vn" || keyword == "vt" {
                // MuJoCo's loader counts a normal or texture coordinate only when a space or tab follows the keyword.
                guard line.drop(while: { $0 == " " || $0 == "\t" }).count > 2 else { continue }
                if keyword == "vn" { normalCount += 1 } else { textureCount += 1 }
            } else if keyword == "o" || keyword == "g", !polygons.isEmpty {
                groupEnded = true
            } else if keyword == "f" {
                guard !groupEnded else {
                    throw Refusal(reason: "line \(lineNumber): faces after a second o or g group; MuJoCo 3.17 weighs only the first group's faces: merge the groups or give each its own file")
                }
                var corners: [Int] = [], normals: [Int?] = []
                for word in words.dropFirst() {
                    let indices = word.split(separator: "/", omittingEmptySubsequences: false)
                    guard indices.count <= 3 else {
                        throw Refusal(reason: "line \(lineNumber): face corner '\(word)' has more than three indices (v, v/t, v//n or v/t/n)")
                    }
                    guard let vertex = Self.index(indices[0], readSoFar: vertices.count) else {
                        throw Refusal(reason: "line \(lineNumber): face corner '\(word)' is not a vertex index (1, 2, … or −1 back to −\(vertices.count))")
                    }
                    corners.append(vertex)
                    let texture = indices.count >= 2 ? indices[1] : "", normal = indices.count == 3 ? indices[2] : ""
                    for (index, count, what) in [(texture, textureCount, "texture coordinates (vt)"), (normal, normalCount, "normals (vn)")]
                    where Self.leadingInteger(index) < -count {
                        throw Refusal(reason: "line \(lineNumber): face corner '\(word)' counts back past the \(count) \(what) read so far")
                    }
                    normals.append(Self.index(normal, readSoFar: normalCount))
                }
                guard corners.count <= 4 else {
                    throw Refusal(reason: "line \(lineNumber): a face of \(corners.count) corners; triangulate the mesh (MuJoCo clips such faces' ears, which Gait does not reproduce)")
                }
                if corners.count >= 3 { polygons.append((lineNumber, corners, normals)) }
            }
            guard vertices.count <= Self.maximumElements, 2 * polygons.count <= Self.maximumElements else {
                throw Refusal(reason: "it holds more than \(Self.maximumElements) vertices or triangles, the most Gait reads")
            }
        }
        for (line, corners, normals) in polygons {
            if normalCount > 0, let missing = normals.firstIndex(where: { $0.map { $0 >= normalCount } ?? true }) {
                throw Refusal(reason: "line \(line): the face's corner \(missing + 1) names none of the file's normals (\(normalCount) vn lines), which MuJoCo refuses: give every corner one (v//n) or drop the vn lines")
            }
            guard let missing = corners.first(where: { $0 >= vertices.count }) else {
                triangles += Self.split(corners.map { Int32($0) }, vertices)
                continue
            }
            throw Refusal(reason: "line \(line): face corner \(missing + 1) names no vertex (the file has \(vertices.count))")
        }
        try checkSize()
    }

    /// A 1-based index, or a negative one counted back from the `readSoFar` elements read so
    /// far, as a 0-based index; nil for 0 (or no number) and a negative one reaching too far back.
    private static func index(_ word: Substring, readSoFar: Int) -> Int? {
        let given = leadingInteger(word)
        guard given != 0, given > 0 || -given <= readSoFar else { return nil }
        return given > 0 ? given - 1 : readSoFar + given
    }

    /// The whole number `word` starts with, as C's `atoi` reads it (an optional sign, then
    /// digits; 0 without any), held to a little beyond `Int32`'s range.
    private static func leadingInteger(_ word: Substring) -> Int {
        let negative = word.first == "-"
        var value = 0
        for character in word.dropFirst(negative || word.first == "+" ? 1 : 0) {
            guard character.isASCII, let digit = character.wholeNumberValue else { break }
            value = min(10 * value + digit, Int(Int32.max) + 1)
        }
        return negative ? -value : value
    }

    /// A triangle, or a quad split as MuJoCo's OBJ loader splits it: along the shorter diagonal
    /// (in float), and on a tie along the one from its second corner to its fourth.
    private static func split(_ corners: [Int32], _ vertices: [Vector3]) -> [SIMD3<Int32>] {
        guard corners.count == 4 else { return [SIMD3(corners[0], corners[1], corners[2])] }
        func squaredLength(_ a: Int32, _ b: Int32) -> Float {
            let d = SIMD3<Float>(vertices[Int(a)] - vertices[Int(b)])
            return d.x * d.x + d.y * d.y + d.z * d.z
        }
        return squaredLength(corners[0], corners[2]) < squaredLength(corners[1], corners[3])
            ? [SIMD3(corners[0], corners[1], corners[2]), SIMD3(corners[0], corners[2], corners[3])]
            : [SIMD3(corners[0], corners[1], corners[3]), SIMD3(corners[1], corners[2], corners[3])]
    }

    /// MuJoCo needs at least 4 vertices; a mesh without faces is its vertices' convex hull, as
    /// MuJoCo's compiler makes it.
    private mutating func checkSize() throws(Refusal) {
        guard vertices.count >= 4 else { throw Refusal(reason: "it has \(vertices.count) vertices; a mesh needs at least 4") }
        guard vertices.count <= Self.maximumElements, triangles.count <= Self.maximumElements else {
            throw Refusal(reason: "it holds more than \(Self.maximumElements) vertices or triangles, the most Gait reads")
        }
        guard triangles.isEmpty else { return }
        do {
            let hull = try ConvexHull(points: vertices)
            (vertices, triangles) = (hull.corners, hull.triangles)
        } catch {
            throw Refusal(reason: "it has no faces, so it is its vertices' convex hull, which Gait cannot build: \(error.reason)")
        }
    }

    private static func rounded(_ x: Float, _ y: Float, _ z: Float) -> Vector3 {
        Vector3(Double(x), Double(y), Double(z))
    }
}
