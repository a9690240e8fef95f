import GaitABI
import GaitEnvs
import MountainCar

/// Called by Gait's Python package after it loads this library (`GAIT_LIBRARY`): serves the
/// built-in environments and MountainCar, so that `gymnasium.make("gait/mountain-car-v1")` works.
@_cdecl("gait_setup")
public func gaitSetup() {
    GaitABI.install(plugins: [BuiltinEnvironments.self, MountainCarPlugin.self])
}
