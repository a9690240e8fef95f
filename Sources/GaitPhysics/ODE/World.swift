internal import CODE
internal import CODEShims

/// Owns one ODE world: the dynamics of a set of bodies and joints.
///
/// Each world gets its own (self-threaded) stepping implementation: ODE's default one is a
/// single process-wide object, and two worlds stepping at once on two threads would share it.
final class World {
    let id: OpaquePointer
    private var threading: OpaquePointer

    /// Creates a world with model-frame `gravity`.
    init(gravity: Vector3) {
        gait_ode_prepare_thread()
        id = dWorldCreate()
        threading = dThreadingAllocateSelfThreadedImplementation()
        dWorldSetStepThreadingImplementation(id, dThreadingImplementationGetFunctions(threading), threading)
        let g = ODEFrame.toODE(gravity)
        dWorldSetGravity(id, g.x, g.y, g.z)
        dWorldSetERP(id, 0.2)
        dWorldSetCFM(id, 1e-6)
    }

    deinit {
        dWorldSetStepThreadingImplementation(id, nil, nil)
        dWorldDestroy(id)
        dThreadingFreeImplementation(threading)
    }

    /// Advances by `dt` with ODE's exact (Dantzig LCP) stepper, which uses no global state.
    /// Returns false when ODE failed (an internal assertion, such as a body's orientation that
    /// became NaN within the step); `gait_ode_failure()` says why.
    /// The stepper's threading implementation is then left mid-job and would assert when freed:
    /// it is replaced by a new one and kept, unfreed (a few hundred bytes per failure).
    func step(_ dt: Double) -> Bool {
        guard gait_world_step(id, dt) != 0 else { return true }
        threading = dThreadingAllocateSelfThreadedImplementation()
        dWorldSetStepThreadingImplementation(id, dThreadingImplementationGetFunctions(threading), threading)
        return false
    }
}
