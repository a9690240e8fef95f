import Foundation
import GaitFoundation

/// Mesh assets: read when a geom weighs with one (a visual-only mesh geom never opens its file).
extension MJCFLoader {
    /// The largest mesh file Gait reads, in bytes (a binary STL of MuJoCo's 200,000 triangles
    /// takes 10 MB; OBJ text is larger).
    static let maximumMeshFileSize = 100_000_000

    /// Keeps a `<mesh>` asset's attributes (its class's defaults under them) under its name: its
    /// `name`, or else its file's name without folder and extension, as MuJoCo names it.
    mutating func readMesh(_ element: XMLElementNode) throws(ModelError) {
        let a = try attributes(element, className: element.attributes["class"] ?? "main")
        let stem = a.text("file").map { file in
            let base = Self.lastPathComponent(file)
            return base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        }
        guard let name = a.text("name").flatMap({ $0.isEmpty ? nil : $0 }) ?? stem, !name.isEmpty else {
            throw error(element, .missingAttribute(element: "mesh", attribute: "name"))
        }
        guard meshAssets[name] == nil else { throw a.invalid("name", expected: "a name no other <mesh> has") }
        meshAssets[name] = (element, a)
    }

    /// The mass properties, in the geom's body frame, of a mesh geom placed at `pose` that
    /// weighs `mass` kg, or `density` kg/m³ when its mass is not given, as MuJoCo's compiler gives
    /// them: the mesh's own volume, centre and inertia, moved with the geom.
    mutating func meshMassProperties(_ a: MJCFAttributes, of element: XMLElementNode, pose: Pose,
                                     mass: Double?, density: Double) throws(ModelError) -> MassProperties {
        let solid = try meshSolid(meshName(a, of: element))
        let weight = mass ?? density * solid.volume
        return MassProperties(mass: weight, center: solid.center, inertia: weight * solid.unitMassInertia).transformed(by: pose)
    }

    /// The shape a colliding mesh geom collides as: its mesh's convex hull.
    mutating func meshCollisionShape(_ a: MJCFAttributes, of element: XMLElementNode) throws(ModelError) -> Model.Geom.Shape {
        .mesh(try meshHull(meshName(a, of: element)))
    }

    /// A mesh asset's convex hull, built once.
    private mutating func meshHull(_ name: String) throws(ModelError) -> ConvexHull {
        if let known = meshHulls[name] { return known }
        let (element, asset) = meshAssets[name]!
        let vertices = try meshSurface(name).vertices
        let hull: ConvexHull
        do {
            hull = try ConvexHull(points: vertices)
        } catch {
            throw refusal(element, asset, "Gait cannot build its convex hull: \(error.reason)")
        }
        meshHulls[name] = hull
        return hull
    }

    /// The `<mesh>` asset a geom names.
    private func meshName(_ a: MJCFAttributes, of element: XMLElementNode) throws(ModelError) -> String {
        guard let name = a.text("mesh") else { throw error(element, .missingAttribute(element: "geom", attribute: "mesh")) }
        guard meshAssets[name] != nil else { throw a.invalid("mesh", expected: "the name of a <mesh> asset") }
        return name
    }

    /// A mesh asset's solid per its `inertia` kind, found once.
    private mutating func meshSolid(_ name: String) throws(ModelError) -> MeshMass {
        if let known = meshMasses[name] { return known }
        let (element, a) = meshAssets[name]!
        let kindName = a.text("inertia") ?? MeshMass.Kind.legacy.rawValue
        guard let kind = MeshMass.Kind(rawValue: kindName) else {
            throw a.invalid("inertia", expected: MeshMass.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var mesh = try meshSurface(name)
        if kind == .convex {
            let hull = try meshHull(name)
            (mesh.vertices, mesh.triangles) = (hull.corners, hull.triangles)
        }
        if kind == .exact {  // moving and scaling keep the winding (a mirroring scale's turn is undone)
            do { try MeshMass.checkWinding(mesh) } catch { throw refusal(element, a, error.reason) }
        }
        let solid: MeshMass
        do {
            solid = try MeshMass(mesh, kind: kind)
        } catch {
            throw refusal(element, a, "it has no mass MuJoCo would give it: \(error.reason)")
        }
        meshMasses[name] = solid
        return solid
    }

    private func refusal(_ element: XMLElementNode, _ a: MJCFAttributes, _ why: String) -> ModelError {
        error(element, .assetFile("mesh '\(a.text("file") ?? "<inline>")': \(why)"))
    }

    /// Reads a mesh asset's surface once and moves it as the asset says (`refpos`, `refquat`,
    /// `scale`).
    private mutating func meshSurface(_ name: String) throws(ModelError) -> MeshTriangles {
        if let known = meshSurfaces[name] { return known }
        let (element, a) = meshAssets[name]!
        let scale = try a.vector("scale") ?? Vector3(1, 1, 1)
        let offset = try a.vector("refpos") ?? .zero
        let turn = try a.numbers("refquat", counts: [4]).map { Quaternion(w: $0[0], x: $0[1], y: $0[2], z: $0[3]) }
        guard turn.map({ $0.w * $0.w + $0.x * $0.x + $0.y * $0.y + $0.z * $0.z >= Model.epsilon }) ?? true else {
            throw a.invalid("refquat", expected: "a quaternion of squared length at least 1e-14 (MuJoCo leaves a shorter one unnormalised)")
        }
        func surface(_ read: () throws(MeshTriangles.Refusal) -> MeshTriangles) throws(ModelError) -> MeshTriangles {
            do { return try read() } catch { throw refusal(element, a, error.reason) }
        }
        var mesh: MeshTriangles
        if let path = a.text("file") {
            if let key = ["vertex", "face"].first(where: { a.text($0) != nil }) { throw refusal(element, a, "it gives both file and \(key); give one source") }
            let bytes = try assetFileBytes(path, of: element, kind: "mesh", limit: Self.maximumMeshFileSize)
            mesh = try surface { () throws(MeshTriangles.Refusal) in try MeshTriangles(file: path, bytes: bytes) }
        } else {
            let vertices = try Self.meshNumbers(a, "vertex"), faces = try Self.meshNumbers(a, "face")
            mesh = try surface { () throws(MeshTriangles.Refusal) in try MeshTriangles(vertexNumbers: vertices, faceIndices: faces) }
        }
        // MuJoCo's order: back by refpos, turned back by refquat, then scaled.
        let unturn = turn?.normalized.conjugate
        mesh.vertices = mesh.vertices.map { vertex in (unturn?.rotate(vertex - offset) ?? vertex - offset) * scale }
        guard mesh.vertices.allSatisfy({ max(abs($0.x), abs($0.y), abs($0.z)) <= MJCFAttributes.largestMagnitude }) else {
            throw refusal(element, a, "a vertex lies beyond 1e6 m once scaled, farther than any length a model may give")
        }
        if scale.x * scale.y * scale.z < 0 {  // a mirroring scale turns the winding, which MuJoCo restores
            mesh.triangles = mesh.triangles.map { SIMD3($0.x, $0.z, $0.y) }
        }
        meshSurfaces[name] = mesh
        return mesh
    }

    /// An inline `vertex` or `face` list: any number of finite numbers (none when absent).
    private static func meshNumbers(_ a: MJCFAttributes, _ key: String) throws(ModelError) -> [Double] {
        let words = MJCFAttributes.words(a.text(key) ?? "")
        guard words.count <= 3 * MeshTriangles.maximumElements else {
            throw a.invalid(key, expected: "at most \(MeshTriangles.maximumElements) triples of numbers")
        }
        var numbers: [Double] = []
        for word in words {
            guard let number = Double(word), number.isFinite else { throw a.invalid(key, expected: "numbers separated by spaces") }
            numbers.append(number)
        }
        return numbers
    }

    /// The bytes of an asset file named in `element`: `path` (only its last part under the
    /// compiler's `strippath`) relative to the compiler's `meshdir` (or `assetdir`) in the model
    /// file's folder, which it must not leave.
    mutating func assetFileBytes(_ path: String, of element: XMLElementNode, kind: String, limit: Int) throws(ModelError) -> [UInt8] {
        func refuse(_ why: String) -> ModelError { error(element, .assetFile(why)) }
        guard let modelFolder else {
            throw refuse("<\(element.name) file> needs the model to be read from a file, to resolve '\(path)' against")
        }
        let folder = assetFolder.isEmpty ? modelFolder : MJCFIncludes.resolved(assetFolder, in: modelFolder)
        let name = stripPath ? Self.lastPathComponent(path) : path.replacingOccurrences(of: "\\", with: "/")  // MuJoCo reads a backslash as /
        let url = MJCFIncludes.resolved(name, in: URL(fileURLWithPath: folder.path, isDirectory: true))
        guard MJCFIncludes.contains(url, in: modelFolder) else {
            throw refuse("'\(path)' lies outside the model's folder (\(modelFolder.path)); \(kind) files must be in it or below it")
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try InputFile.bytes(url, limit: limit))
        } catch {
            throw refuse("cannot read '\(path)' (\(url.path)): \(error.description)")
        }
        if !referencedFiles.contains(url) { referencedFiles.append(url) }
        return bytes
    }

    /// A file name without its folders, split at `/` or a backslash, as MuJoCo splits it.
    static func lastPathComponent(_ path: String) -> String {
        path.lastIndex(where: { $0 == "/" || $0 == "\\" }).map { String(path[path.index(after: $0)...]) } ?? path
    }
}
