import GaitPhysics

/// Where a task senses touch: a touch sensor's site (dm_control's hopper `touch_toe`), or a whole geom.
enum TouchArea {
    case site(Int), geom(Int)

    /// The normal force pressing on the area now (a touch sensor's reading on a site).
    func force(in simulation: Simulation) -> Double {
        switch self {
        case .site(let site): simulation.touchForce(onSite: site)
        case .geom(let geom): simulation.contactNormalForce(onGeom: geom)
        }
    }
}
