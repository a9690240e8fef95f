import Foundation

/// A3C's hyperparameters as typed fields: A2C's update (with A3C's defaults) and how the workers
/// run. Each is declared once, in `fields`, with its name, default, valid values and meaning; the
/// zeros below are placeholders that `fields` overwrite.
struct A3CConfiguration: AgentConfiguration {
    var update = A2CConfiguration()
    var workers = 0
    var deterministic = false

    static let fields: [HyperparameterField<Self>] = A2CConfiguration.fields(nSteps: 128, normalizeRewards: 1).map { $0.within(\.update) } + [
        .init(\.workers, .count("workers", Double(ProcessInfo.processInfo.activeProcessorCount), maximum: A3CAgent.maximumWorkers,
                                "worker threads, each with its own environment copy (default: the number of cores)")),
        .init(\.deterministic, .flag("deterministic", 0, "apply the workers' updates in a fixed round-robin order: reproducible runs, at some cost in speed")),
    ]
}
