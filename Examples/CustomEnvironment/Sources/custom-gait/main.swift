import GaitCLI
import GaitEnvs
import MountainCar

GaitCLI.main(plugins: [BuiltinEnvironments.self, MountainCarPlugin.self])
