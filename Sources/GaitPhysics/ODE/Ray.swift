internal import CODE

/// An ODE ray outside any space, cast against one geom at a time (for rangefinders).
final class Ray {
    private let id: OpaquePointer
    /// How far a ray reaches (m): beyond any point a simulation allows (`Simulation.positionLimit`).
    private static let length = 1e8

    init() {
        id = dCreateRay(nil, Self.length)
    }

    deinit { dGeomDestroy(id) }

    /// The distance from `origin` along the unit vector `direction` (ODE frame) to the surface of
    /// `geom`, or nil when the ray misses it.
    func distance(from origin: Vector3, along direction: Vector3, to geom: Geom) -> Double? {
        dGeomRaySet(id, origin.x, origin.y, origin.z, direction.x, direction.y, direction.z)
        var hit = dContactGeom()
        guard dCollide(id, geom.id, 1, &hit, Int32(MemoryLayout<dContactGeom>.stride)) > 0 else { return nil }
        return hit.depth
    }
}
