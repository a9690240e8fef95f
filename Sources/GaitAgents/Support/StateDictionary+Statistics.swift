import GaitNN

/// Saving and restoring running statistics.
extension StateDictionary {
    /// Stores running statistics as `<prefix>.mean`, `<prefix>.var` and `<prefix>.count`.
    mutating func set(_ prefix: String, normalizer: RunningNormalizer) {
        set("\(prefix).mean", numbers: normalizer.mean)
        set("\(prefix).var", numbers: normalizer.variance)
        set("\(prefix).count", number: normalizer.count)
    }

    /// Running statistics saved with `set(_:normalizer:)`.
    func normalizer(_ prefix: String, clip: Float) throws(CheckpointError) -> RunningNormalizer {
        let mean = try numbers("\(prefix).mean")
        return RunningNormalizer(mean: mean, variance: try numbers("\(prefix).var", count: mean.count),
                                 count: try number("\(prefix).count"), clip: clip)
    }
}
