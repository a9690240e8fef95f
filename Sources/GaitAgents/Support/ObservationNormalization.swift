import GaitNN

/// An agent's observation normalisation (`normalize_observations`): running statistics of every
/// observation the agent acts on while exploring (Gymnasium's `NormalizeObservation`), applied to
/// what the actor sees and to the transitions it learns from. The shared buffer keeps raw
/// transitions, as Stable-Baselines3's replay buffer does under `VecNormalize`: an off-policy
/// agent normalises each drawn batch, an on-policy one its rollout. Off, it changes nothing.
final class ObservationNormalization {
    /// The running statistics (nil: normalisation off).
    private(set) var statistics: RunningNormalizer?
    private let normalized: Matrix

    /// Normalisation of observations of `observationSize` components, or none.
    init(observationSize: Int, enabled: Bool) {
        statistics = enabled ? RunningNormalizer(size: observationSize) : nil
        normalized = Matrix(rows: 0, columns: observationSize)
    }

    /// The observations as the actor sees them; exploring, they first join the statistics.
    /// The result is `observations` itself when normalisation is off, else a copy valid until
    /// the next call.
    func actorInput(_ observations: Matrix, explore: Bool) -> Matrix {
        guard statistics != nil else { return observations }
        if explore { statistics!.update(observations.values, rows: observations.rows) }
        normalize(observations, into: normalized)
        return normalized
    }

    /// `observations` normalised with the current statistics, into `result` (a copy when off).
    func normalize(_ observations: Matrix, into result: Matrix) {
        result.copy(from: observations)
        statistics?.normalize(result.values, rows: result.rows)
    }

    /// Normalises a drawn batch's observations and next observations in place.
    func normalize(_ batch: TransitionBatch) {
        guard let statistics else { return }
        statistics.normalize(batch.observations.values, rows: batch.count)
        statistics.normalize(batch.nextObservations.values, rows: batch.count)
    }

    /// Saves the statistics as `obs_rms` (where `gait.load_policy` finds them).
    func save(into state: inout StateDictionary) {
        if let statistics { state.set("obs_rms", normalizer: statistics) }
    }

    /// Restores what `save(into:)` saved.
    func restore(from state: StateDictionary) throws(CheckpointError) {
        guard let statistics else { return }
        self.statistics = try state.normalizer("obs_rms", size: statistics.mean.count, clip: statistics.clip)
    }
}
