import GaitCLI
import GaitEnvs

GaitCLI.main(plugins: [BuiltinEnvironments.self])
