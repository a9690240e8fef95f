import GaitNN

/// Scales rewards by the running standard deviation of the discounted return, per environment
/// copy (Gymnasium's `NormalizeReward`, as CleanRL's PPO uses), clipping the result to ±clip.
struct RewardScaler {
    private var returns: [Int: Double] = [:]
    private var statistics = RunningNormalizer(size: 1)
    let gamma: Double
    let clip: Float

    init(gamma: Double, clip: Float = 10) {
        self.gamma = gamma
        self.clip = clip
    }

    /// Scales a segment's rewards in time order, updating the statistics as it goes.
    mutating func scale(_ segment: TransitionBatch) -> [Float] {
        let (rewards, terminated, truncated, streams) = (segment.rewards, segment.terminated, segment.truncated, segment.streams)
        var scaled = rewards
        for t in rewards.indices {
            let running = returns[streams[t], default: 0] * gamma + Double(rewards[t])
            var value = Float(running)
            statistics.update(&value, rows: 1)
            let deviation = (statistics.variance[0] + 1e-8).squareRoot()
            scaled[t] = min(max(Float(Double(rewards[t]) / deviation), -clip), clip)
            returns[streams[t]] = terminated[t] || truncated[t] ? 0 : running
        }
        return scaled
    }

    /// Saves the running returns per copy and the statistics under `prefix`.
    func save(into state: inout StateDictionary, as prefix: String) {
        let streams = returns.keys.sorted()
        state.set("\(prefix).streams", numbers: streams.map(Double.init))
        state.set("\(prefix).returns", numbers: streams.map { returns[$0]! })
        state.set("\(prefix).rms", normalizer: statistics)
    }

    /// Restores what `save(into:as:)` saved.
    mutating func restore(from state: StateDictionary, as prefix: String) throws(CheckpointError) {
        let streams = try state.counts("\(prefix).streams")
        guard Set(streams).count == streams.count else { throw .corrupted(path: "\(prefix).streams", reason: "a stream appears twice") }
        let values = try state.numbers("\(prefix).returns", count: streams.count)
        returns = Dictionary(uniqueKeysWithValues: zip(streams, values))
        statistics = try state.normalizer("\(prefix).rms", size: 1, clip: statistics.clip)
    }
}
