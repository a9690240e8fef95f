import GaitAgents

/// How a training run ended, for callers of `TrainingRequest.train` (the C library, for Python).
package struct TrainingOutcome: Encodable, Sendable {
    /// The run directory.
    package let run: String
    /// The final evaluation's mean and standard deviation of the return and its episodes; nil
    /// when training was stopped before its end (its checkpoint saved, resumable).
    package let meanReturn: Double?
    package let stdReturn: Double?
    package let episodes: Int?
    /// The signal (SIGINT, SIGTERM, SIGHUP) that stopped training or arrived after it, when the
    /// library caught signals; nil otherwise.
    package let interrupted: Int32?

    init(run: RunDirectory, evaluation: Evaluation?, interruptedBy signal: Int32?) {
        self.run = run.url.path
        (meanReturn, stdReturn, episodes) = (evaluation?.mean, evaluation?.standardDeviation, evaluation?.returns.count)
        interrupted = signal
    }

    enum CodingKeys: String, CodingKey {
        case run
        case meanReturn = "mean_return"
        case stdReturn = "std_return"
        case episodes, interrupted
    }
}
