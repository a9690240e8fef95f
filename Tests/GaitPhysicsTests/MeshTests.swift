import Foundation
import Testing
@testable import GaitPhysics

/// Mesh geoms that weigh without colliding: their mesh files read, their mass found as MuJoCo's
/// compiler finds it. (Python's test_real_models checks it against MuJoCo itself.)
@Suite("Meshes: files, mass and inertia")
struct MeshTests {
    /// The corners and outward-wound triangles of a box of half extents `half` about `center`.
    private static func box(center: Vector3, half: Vector3) -> (vertices: [Vector3], triangles: [[Int]]) {
        let vertices = (0..<8).map { i in
            center + half * Vector3(i & 4 == 0 ? -1 : 1, i & 2 == 0 ? -1 : 1, i & 1 == 0 ? -1 : 1)
        }
        let triangles = [[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                         [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]]
        return (vertices, triangles)
    }

    /// Dyadic, so that MuJoCo's rounding of mesh vertices to float leaves them exact.
    private static let center = Vector3(0.25, 0.125, -0.1875), half = Vector3(0.125, 0.25, 0.0625)

    /// A binary STL file of `triangles` over `vertices`.
    private static func stl(_ vertices: [Vector3], _ triangles: [[Int]]) -> Data {
        var data = Data(count: 80)
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append(UInt32(triangles.count))
        for triangle in triangles {
            for _ in 0..<3 { append(Float(0).bitPattern) }
            for corner in triangle { for x in [vertices[corner].x, vertices[corner].y, vertices[corner].z] { append(Float(x).bitPattern) } }
            data.append(contentsOf: [0, 0])
        }
        return data
    }

    /// The box as OBJ text: its faces as quads, indices from 1.
    private static func obj(_ vertices: [Vector3]) -> Data {
        let quads = [[1, 2, 4, 3], [5, 7, 8, 6], [1, 5, 6, 2], [3, 4, 8, 7], [1, 3, 7, 5], [2, 6, 8, 4]]
        let lines = ["# a box", "o box"] + vertices.map { "v \($0.x) \($0.y) \($0.z)" } + ["vn 0 0 1"] + quads.map { "f " + $0.map { "\($0)//1" }.joined(separator: " ") }
        return Data(lines.joined(separator: "\n").utf8)
    }

    /// Writes `files` into a new folder and loads `main.xml` among them.
    private func load(_ files: [String: Data]) throws(ModelError) -> Model {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-\(UUID().uuidString)")
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        return try Model(contentsOf: folder.appendingPathComponent("main.xml"))
    }

    /// A model of one free body whose geom is `geom`, with `assets`.
    private static func model(assets: String = "", geom: String) -> Data {
        Data("<mujoco><asset>\(assets)</asset><worldbody><body name=\"b\"><freejoint/>\(geom)</body></worldbody></mujoco>".utf8)
    }

    private static func expectSame(_ a: MassProperties, _ b: MassProperties) {
        #expect(abs(a.mass - b.mass) <= 1e-12 * b.mass, "mass \(a.mass) vs \(b.mass)")
        #expect((a.center - b.center).length <= 1e-12, "centre \(a.center) vs \(b.center)")
        let scale = max(b.inertia.xx, b.inertia.yy, b.inertia.zz)
        func entries(_ m: Matrix3) -> [Double] { [m.xx, m.xy, m.xz, m.yx, m.yy, m.yz, m.zx, m.zy, m.zz] }
        for (x, y) in zip(entries(a.inertia), entries(b.inertia)) { #expect(abs(x - y) <= 1e-12 * scale, "inertia \(a.inertia) vs \(b.inertia)") }
    }

    /// The box primitive the meshes below describe, weighed at `density`.
    private func primitiveBox(density: Double = 1000) throws -> MassProperties {
        let geom = "<geom type=\"box\" pos=\"\(Self.center.x) \(Self.center.y) \(Self.center.z)\" size=\"\(Self.half.x) \(Self.half.y) \(Self.half.z)\" density=\"\(density)\"/>"
        return try load(["main.xml": Self.model(geom: geom)]).bodies[1].massProperties
    }

    @Test("a box mesh weighs as the box: inline, binary STL or OBJ quads; legacy or exact inertia; found through meshdir, and strippath at / or \\", arguments: [
        ("<mesh name=\"m\" vertex=\"VERTICES\" face=\"FACES\"/>", ""),
        ("<mesh file=\"m.stl\"/>", "meshdir=\"parts\""),
        ("<mesh name=\"m\" file=\"m.obj\" inertia=\"exact\"/>", "meshdir=\"parts\""),
        ("<mesh name=\"m\" file=\"deep\\m.stl\" inertia=\"legacy\"/>", "meshdir=\"parts\" strippath=\"true\""),
        ("<mesh file=\"m.stl\"/>", "meshdir=\"parts\"/><compiler angle=\"radian\""),  // a later <compiler> keeps meshdir
    ])
    func boxMesh(asset: String, compiler: String) throws {
        let (vertices, triangles) = Self.box(center: Self.center, half: Self.half)
        let inline = asset.replacingOccurrences(of: "VERTICES", with: vertices.map { "\($0.x) \($0.y) \($0.z)" }.joined(separator: " "))
            .replacingOccurrences(of: "FACES", with: triangles.flatMap { $0 }.map(String.init).joined(separator: " "))
        var main = Self.model(assets: inline, geom: "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\"/>")
        main = Data(String(decoding: main, as: UTF8.self).replacingOccurrences(of: "<mujoco>", with: "<mujoco><compiler \(compiler)/>").utf8)
        let model = try load(["main.xml": main, "parts/m.stl": Self.stl(vertices, triangles), "parts/m.obj": Self.obj(vertices)])
        #expect(model.geoms.isEmpty, "a mesh geom that does not collide is left out of the model; its mass stays")
        #expect(model.referencedFiles.count == (asset.contains("file") ? 1 : 0))
        Self.expectSame(model.bodies[1].massProperties, try primitiveBox())
    }

    @Test("the asset's refpos, refquat and scale move the mesh before it is weighed; a mirroring scale keeps the volume positive")
    func movedMesh() throws {
        let scale = Vector3(2, 2, -2)
        let (vertices, triangles) = Self.box(center: .zero, half: Self.half / 2)
        let files = ["m.stl": Self.stl(vertices, triangles)]
        // Back by refpos, then scaled: the box has the half extents and centre of the primitive.
        let offset = -Self.center / scale
        let asset = "<mesh file=\"m.stl\" scale=\"2 2 -2\" refpos=\"\(offset.x) \(offset.y) \(offset.z)\"/>"
        let moved = try load(files.merging(["main.xml": Self.model(assets: asset, geom: "<geom type=\"mesh\" mesh=\"m\" group=\"1\" contype=\"0\" conaffinity=\"0\"/>")]) { $1 })
        Self.expectSame(moved.bodies[1].massProperties, try primitiveBox())
        // refquat turns the mesh back: a quarter turn about z swaps its x and y extents.
        let turned = try load(files.merging(["main.xml": Self.model(assets: "<mesh file=\"m.stl\" refquat=\"1 0 0 1\"/>",
                                                                    geom: "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\" mass=\"2\"/>")]) { $1 })
        let inertia = turned.bodies[1].massProperties.inertia
        let (x, y, z) = (Self.half.x / 2, Self.half.y / 2, Self.half.z / 2)
        #expect(abs(inertia.xx - 2.0 / 3 * (x * x + z * z)) < 1e-12 && abs(inertia.yy - 2.0 / 3 * (y * y + z * z)) < 1e-12, "\(inertia)")
    }

    @Test("an OBJ quad is split along its shorter diagonal whichever corner it starts from; faces may name vertices read later; a missing z is 0")
    func objQuads() throws {
        // A pyramid over a bent quad: splitting along the long diagonal would give another volume.
        let base = ["0 0 0", "3 0 0.5", "2 2 0", "0 3 0.5"]
        var masses: [Double] = []
        for start in 0..<4 {
            let corners = (0..<4).map { String((start + $0) % 4 + 1) }
            let obj = "f " + corners.reversed().joined(separator: " ") + "\nf 1 2 5\nf 2 3 5\nf 3 4 5\nf 4 1 5\n"
                + base.map { "v \($0)" }.joined(separator: "\n") + "\nv 1 1 2\n"
            let main = Self.model(assets: "<mesh file=\"p.obj\"/>", geom: "<geom type=\"mesh\" mesh=\"p\" contype=\"0\" conaffinity=\"0\"/>")
            masses.append(try load(["main.xml": main, "p.obj": Data(obj.utf8)]).bodies[1].massProperties.mass)
        }
        #expect(masses.allSatisfy { abs($0 - masses[0]) < 1e-9 * masses[0] }, "\(masses)")
        let flat = "v 0 0\nv 1 0\nv 0 1\nv 0 0 1\nf 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\nf 1 2\n"
        let main = Self.model(assets: "<mesh file=\"t.obj\"/>", geom: "<geom type=\"mesh\" mesh=\"t\" contype=\"0\" conaffinity=\"0\"/>")
        #expect(abs(try load(["main.xml": main, "t.obj": Data(flat.utf8)]).bodies[1].massProperties.mass - 1000.0 / 6) < 1e-9)
    }

    @Test("a shell mesh weighs its surface: density times area, centred on the surface")
    func shell() throws {
        let (vertices, triangles) = Self.box(center: Self.center, half: Self.half)
        let geom = "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\" density=\"2\"/>"
        let model = try load(["main.xml": Self.model(assets: "<mesh file=\"m.stl\" inertia=\"shell\"/>", geom: geom), "m.stl": Self.stl(vertices, triangles)])
        let area = 8 * (Self.half.x * Self.half.y + Self.half.y * Self.half.z + Self.half.z * Self.half.x)
        #expect(abs(model.bodies[1].massProperties.mass - 2 * area) < 1e-12)
        #expect((model.bodies[1].massProperties.center - Self.center).length < 1e-12)
    }

    @Test("a mesh geom that weighs nothing never opens its file; nor does one on a body with an <inertial>; an empty mesh name is none")
    func unreadMeshes() throws {
        let assets = "<mesh name=\"m\" file=\"absent.stl\"/>"
        _ = try load(["main.xml": Self.model(assets: assets, geom: "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\" mass=\"0\"/><geom size=\"0.1\" mesh=\"\"/>")])
        _ = try load(["main.xml": Self.model(assets: assets, geom: "<inertial mass=\"1\" diaginertia=\"1 1 1\"/><geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\"/>")])
    }

    @Test("unreadable or weightless meshes are refused with the reason", arguments: [
        ("<mesh file=\"m.stl\"/>", "solid box\nfacet normal 0 0 1\n", "an ASCII STL file must be converted to binary"),
        ("<mesh file=\"m.stl\"/>", "TRUNCATED", "not a binary STL file"),
        ("<mesh file=\"m.msh\"/>", "", "binary STL (.stl) and Wavefront OBJ (.obj)"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 5\n", "face corner 5 names no vertex"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 -2147483648\n", "is not a vertex index"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 3 4 1\n", "triangulate the mesh"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nvn 0 0 1\nf 1//1 2//1 3//2\n", "names none of the file's normals (1 vn lines)"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nvn 0 0 1\nf 1//1 2 3//1\n", "corner 2 names none"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nvn 0 0 1\nf 1//1 2//1 3//-2\n", "counts back past the 1 normals (vn) read so far"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1/1/1/1 2 3\n", "more than three indices"),
        ("<mesh file=\"m.obj\"/>", "o a\nv 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 3 2\nf 1 2 4\ng b\nf 1 4 3\n", "a second o or g group"),
        ("<mesh file=\"m.obj\"/>", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n", "a mesh needs at least 4"),
        ("<mesh file=\"../m.stl\"/>", "", "outside the model's folder"),
        ("<mesh file=\"m.stl\" inertia=\"solid\"/>", "BOX", "legacy, exact, convex, shell"),
        ("<mesh name=\"m\" vertex=\"0 0 0 1 0 0 0 1 0 1 1 0\"/>", "", "no faces, so it is its vertices' convex hull, which Gait cannot build: the vertices all lie in one plane"),
        ("<mesh file=\"m.stl\" inertia=\"exact\"/>", "INSIDE OUT", "wound inconsistently"),
        ("<mesh file=\"m.stl\" inertia=\"legacy\" scale=\"1 1 0\"/>", "BOX", "its volume is too small"),
        ("<mesh name=\"m\" vertex=\"0 0 0 1 0 0 0 1 0 0 0 1\" face=\"0 1 4\"/>", "", "face 0 names a vertex that does not exist"),
        ("<mesh name=\"m\" vertex=\"0 0 0 1 0 0 0 1 0 0 0 1\" face=\"0 1 2 0 3 1 0 2 3 1 3 2\" inertia=\"exact\"/>", "", "its volume is negative"),
        ("<mesh name=\"other\" file=\"m.stl\"/>", "BOX", "the name of a <mesh> asset"),
        ("<mesh name=\"m\" vertex=\"0 0 0 2 0 0 0 2 0 0 0 2\" face=\"0 2 1 0 1 3 0 3 2 1 2 3\" scale=\"1000000 1 1\"/>", "", "beyond 1e6 m"),
    ])
    func refusals(asset: String, file: String, why: String) {
        let (vertices, triangles) = Self.box(center: Self.center, half: Self.half)
        var bytes = Data(file.utf8)
        if file == "BOX" { bytes = Self.stl(vertices, triangles) }
        if file == "TRUNCATED" { bytes = Self.stl(vertices, triangles).dropLast(7) }
        if file == "INSIDE OUT" { bytes = Self.stl(vertices, triangles.enumerated().map { $0.offset == 0 ? [$0.element[0], $0.element[2], $0.element[1]] : $0.element }) }
        let main = Self.model(assets: asset, geom: "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\"/>")
        let name = asset.contains("m.msh") ? "sub/m.msh" : asset.contains("m.obj") ? "sub/m.obj" : asset.contains("../") ? "m.stl" : "sub/m.stl"
        var files = [name: bytes]
        files["sub/main.xml"] = main
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-\(UUID().uuidString)")
            for (path, data) in files {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try Model(contentsOf: folder.appendingPathComponent("sub/main.xml"))
            Issue.record("\(asset) with \(file.prefix(20)) loaded")
        } catch {
            #expect("\(error)".contains(why), "\(error)")
        }
    }

    @Test("a <default><mesh> gives its class's meshes their scale, not their name or file")
    func meshDefaults() throws {
        let (vertices, triangles) = Self.box(center: .zero, half: Self.half / 2)
        let main = "<mujoco><default><default class=\"big\"><mesh scale=\"2 2 2\"/></default></default>"
            + "<asset><mesh class=\"big\" file=\"m.stl\"/></asset><worldbody><body name=\"b\" pos=\"\(Self.center.x) \(Self.center.y) \(Self.center.z)\"><freejoint/>"
            + "<geom type=\"mesh\" mesh=\"m\" contype=\"0\" conaffinity=\"0\"/></body></worldbody></mujoco>"
        let model = try load(["main.xml": Data(main.utf8), "m.stl": Self.stl(vertices, triangles)])
        var box = try primitiveBox()
        box.center = box.center - Self.center
        Self.expectSame(model.bodies[1].massProperties, box)
        let named = "<mujoco><default><mesh file=\"m.stl\"/></default><worldbody/></mujoco>"
        #expect(throws: ModelError.self) { try load(["main.xml": Data(named.utf8)]) }
    }
}
