internal import CODE

/// Owns one ODE collision space (a simple space: best for a few dozen geoms).
final class Space {
    let id: OpaquePointer

    init() {
        id = dSimpleSpaceCreate(nil)
        dSpaceSetCleanup(id, 0)  // each Geom destroys itself
    }

    deinit { dSpaceDestroy(id) }
}
