import GaitCore
import GaitPhysics

/// A physics environment draws its robot's geoms where the simulation has them.
extension PhysicsEnvironment: SceneProviding {
    public var sceneShapes: [SceneShape] {
        simulation.model.geoms.map { geom in
            switch geom.shape {
            case .plane: SceneShape(kind: .plane, size: [])
            case .heightField(let field): Self.drawn(field)
            case .sphere(let radius): SceneShape(kind: .sphere, size: [radius])
            case .capsule(let radius, let halfLength): SceneShape(kind: .capsule, size: [radius, halfLength])
            case .cylinder(let radius, let halfLength): SceneShape(kind: .cylinder, size: [radius, halfLength])
            case .box(let e): SceneShape(kind: .box, size: [e.x, e.y, e.z])
            case .ellipsoid(let r): SceneShape(kind: .ellipsoid, size: [r.x, r.y, r.z])
            case .mesh(let hull):
                SceneShape(kind: .convex, size: [Double(hull.corners.count)] + hull.corners.flatMap { [$0.x, $0.y, $0.z] }
                           + hull.planes.flatMap { [$0.normal.x, $0.normal.y, $0.normal.z, $0.offset] })
            }
        }
    }

    public var isPlanar: Bool { simulation.model.isPlanar }

    /// The most samples a drawn height field keeps along each side.
    static let drawnSamples = 64

    /// `field` as a scene shape, its grid thinned to at most `drawnSamples` samples a side (the
    /// first and last rows and columns kept, those between evenly spread).
    static func drawn(_ field: Model.HeightField) -> SceneShape {
        func kept(_ count: Int) -> [Int] {
            let drawn = min(count, drawnSamples)
            return (0..<drawn).map { ($0 * (count - 1) + (drawn - 1) / 2) / (drawn - 1) }
        }
        let (rows, columns) = (kept(field.rows), kept(field.columns))
        let samples = rows.flatMap { row in columns.map { field.samples[row * field.columns + $0] } }
        return SceneShape(kind: .heightField, size: [field.radiusX, field.radiusY, field.elevation, field.base,
                                                      Double(rows.count), Double(columns.count)] + samples)
    }

    public func appendScenePoses(to poses: inout [Double]) {
        for geom in simulation.model.geoms {
            let pose = (geom.body == 0 ? Pose.identity : simulation.bodyPose(geom.body)).composed(with: geom.pose)
            let m = pose.rotation.matrix
            poses += [pose.position.x, pose.position.y, pose.position.z, m.xx, m.xy, m.xz, m.yx, m.yy, m.yz, m.zx, m.zy, m.zz]
        }
    }
}
