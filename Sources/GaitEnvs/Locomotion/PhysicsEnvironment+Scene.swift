import GaitCore
import GaitPhysics

/// A physics environment draws its robot's geoms where the simulation has them.
extension PhysicsEnvironment: SceneProviding {
    public var sceneShapes: [SceneShape] {
        simulation.model.geoms.map { geom in
            switch geom.shape {
            case .plane, .heightField: SceneShape(kind: .plane, size: [])
            case .sphere(let radius): SceneShape(kind: .sphere, size: [radius])
            case .capsule(let radius, let halfLength): SceneShape(kind: .capsule, size: [radius, halfLength])
            case .cylinder(let radius, let halfLength): SceneShape(kind: .cylinder, size: [radius, halfLength])
            case .box(let e): SceneShape(kind: .box, size: [e.x, e.y, e.z])
            case .ellipsoid(let r): SceneShape(kind: .ellipsoid, size: [r.x, r.y, r.z])
            }
        }
    }

    public var isPlanar: Bool { simulation.model.isPlanar }

    public func appendScenePoses(to poses: inout [Double]) {
        for geom in simulation.model.geoms {
            let pose = (geom.body == 0 ? Pose.identity : simulation.bodyPose(geom.body)).composed(with: geom.pose)
            let m = pose.rotation.matrix
            poses += [pose.position.x, pose.position.y, pose.position.z, m.xx, m.xy, m.xz, m.yx, m.yy, m.yz, m.zx, m.zy, m.zz]
        }
    }
}
