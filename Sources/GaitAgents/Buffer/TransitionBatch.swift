import GaitNN

/// A batch of transitions copied out of an `ExperienceBuffer`, one row per transition.
/// Reused between draws: it allocates only when it must grow.
public final class TransitionBatch {
    public let observations: Matrix
    public let actions: Matrix
    public let nextObservations: Matrix
    /// Rewards, terminations, truncations and the stream (environment copy) of each row.
    public private(set) var rewards: [Float] = []
    public private(set) var terminated: [Bool] = []
    public private(set) var truncated: [Bool] = []
    public private(set) var streams: [Int] = []
    /// How many consecutive transitions each row spans: 1, or up to n for an n-step draw (its
    /// reward is their discounted sum, its next observation the last one's).
    public private(set) var horizons: [Int] = []

    /// An empty batch for the given sizes.
    public init(observationSize: Int, actionSize: Int) {
        observations = Matrix(rows: 0, columns: observationSize)
        actions = Matrix(rows: 0, columns: actionSize)
        nextObservations = Matrix(rows: 0, columns: observationSize)
    }

    /// The number of transitions.
    public var count: Int { observations.rows }

    /// Makes room for `count` rows (contents unspecified until filled).
    func resize(_ count: Int) {
        observations.resize(rows: count)
        actions.resize(rows: count)
        nextObservations.resize(rows: count)
        if rewards.count != count {
            rewards = [Float](repeating: 0, count: count)
            terminated = [Bool](repeating: false, count: count)
            truncated = [Bool](repeating: false, count: count)
            streams = [Int](repeating: 0, count: count)
            horizons = [Int](repeating: 1, count: count)
        }
    }

    func set(row: Int, reward: Float, terminated isTerminal: Bool, truncated isTruncated: Bool, stream: Int, horizon: Int = 1) {
        rewards[row] = reward
        terminated[row] = isTerminal
        truncated[row] = isTruncated
        streams[row] = stream
        horizons[row] = horizon
    }
}
