import GaitAgents
import GaitCLI
import GaitEnvs
import MountainCar
import RandomSearch

GaitCLI.main(plugins: [BuiltinEnvironments.self, MountainCarPlugin.self], agents: [BuiltinAgents.self, RandomSearchPlugin.self])
