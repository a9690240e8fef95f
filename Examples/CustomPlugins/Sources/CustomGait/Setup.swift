import GaitABI
import GaitAgents
import GaitEnvs
import MountainCar
import RandomSearch

/// Called by Gait's Python package after it loads this library (`GAIT_LIBRARY`): serves the
/// built-in environments and MountainCar, so that `gymnasium.make("gait/mountain-car-v1")` works,
/// and trains the built-in agents and random search (`gait.train(…, agent="random-search")`).
@_cdecl("gait_setup")
public func gaitSetup() {
    GaitABI.install(plugins: [BuiltinEnvironments.self, MountainCarPlugin.self], agents: [BuiltinAgents.self, RandomSearchPlugin.self])
}
