internal import CODE

/// Owns one ODE collision space: a simple space (every pair tested: fastest for a few dozen
/// geoms) up to `simpleLimit` geoms, a hash space (geoms binned by size and place) beyond.
/// Both find the same overlapping pairs.
final class Space {
    let id: OpaquePointer
    static let simpleLimit = 64

    /// A space for `geoms` geoms.
    init(geoms: Int) {
        id = geoms <= Self.simpleLimit ? dSimpleSpaceCreate(nil) : dHashSpaceCreate(nil)
        dSpaceSetCleanup(id, 0)  // each Geom destroys itself
    }

    deinit { dSpaceDestroy(id) }
}
