/// What one environment copy answers to a vector request.
enum Reply {
    case created
    case reset([Float], Info)
    case step(VectorStep)
    case snapshot(EnvironmentSnapshot)

    /// Runs `request` on `environment`.
    static func serve(_ request: VectorWorker.Request, on environment: any Environment) throws -> Reply {
        switch request {
        case .reset(let seed):
            let (observation, info) = try environment.reset(seed: seed)
            return .reset(observation, info)
        case .step(let action, let autoreset):
            var result = try environment.step(action)
            var final: VectorStep.Final?
            if autoreset && result.isDone {
                final = VectorStep.Final(observation: result.observation, info: result.info)
                result.observation = try environment.reset(seed: nil).observation
            }
            return .step(VectorStep(result: result, final: final))
        case .snapshot:
            return .snapshot(environment.snapshot())
        case .restore(let values):
            try environment.restore(values)
            return .created
        }
    }
}
