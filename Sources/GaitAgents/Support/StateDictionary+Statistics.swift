import GaitNN

/// Saving and restoring running statistics.
extension StateDictionary {
    /// Stores running statistics as `<prefix>.mean`, `<prefix>.var` and `<prefix>.count`.
    mutating func set(_ prefix: String, normalizer: RunningNormalizer) {
        set("\(prefix).mean", numbers: normalizer.mean)
        set("\(prefix).var", numbers: normalizer.variance)
        set("\(prefix).count", number: normalizer.count)
    }

    /// Running statistics saved with `set(_:normalizer:)`, for vectors of `size` components:
    /// variances must not be negative, and the count must be positive.
    func normalizer(_ prefix: String, size: Int, clip: Float) throws(CheckpointError) -> RunningNormalizer {
        let mean = try numbers("\(prefix).mean", count: size)
        let variance = try numbers("\(prefix).var", count: size)
        let count = try number("\(prefix).count")
        guard variance.allSatisfy({ $0 >= 0 }), count > 0 else {
            throw .corrupted(path: prefix, reason: "running statistics need variances ≥ 0 and a positive count")
        }
        return RunningNormalizer(mean: mean, variance: variance, count: count, clip: clip)
    }
}
