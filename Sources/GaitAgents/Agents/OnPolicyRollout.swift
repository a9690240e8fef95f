import GaitCore
import GaitNN

/// The rollout an on-policy update reads (A2C, A3C, PPO): its transitions in time order, its
/// rewards (scaled by the running σ of the discounted return when normalising rewards), and
/// working matrices for its normalised observations. Reused from update to update.
final class OnPolicyRollout {
    let segment: TransitionBatch
    /// The segment's observations and next observations, normalised by `estimate`.
    let observations: Matrix
    let nextObservations: Matrix
    /// The rewards the update uses: the segment's, or scaled.
    private(set) var rewards: [Float] = []
    private var rewardScaler: RewardScaler?

    /// `gamma` (as its hyperparameter, in double precision) discounts the returns whose σ scales
    /// the rewards when `normalizeRewards`.
    init(observationSize: Int, actionSize: Int, normalizeRewards: Bool, gamma: Double) {
        segment = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observations = Matrix(rows: 0, columns: observationSize)
        nextObservations = Matrix(rows: 0, columns: observationSize)
        rewardScaler = normalizeRewards ? RewardScaler(gamma: gamma) : nil
    }

    /// Reads the latest `length` transitions of `buffer`.
    func read(latest length: Int, from buffer: ExperienceBuffer) {
        buffer.latest(length, into: segment)
        scaleRewards()
    }

    /// Reads the transitions in `slots` of `buffer` (a worker's own).
    func read(slots: Range<Int>, from buffer: ExperienceBuffer) {
        buffer.transitions(in: slots, into: segment)
        scaleRewards()
    }

    private func scaleRewards() {
        rewards = rewardScaler?.scale(segment) ?? segment.rewards
    }

    /// Normalises the observations with `model`'s statistics and estimates the rollout: V(s),
    /// and GAE(γ, λ) advantages and returns.
    func estimate(with model: GaussianActorCritic, gamma: Float, lambda: Float) -> (values: [Float], advantages: [Float], returns: [Float]) {
        model.estimate(segment, rewards: rewards, gamma: gamma, lambda: lambda, observations: observations,
                       nextObservations: nextObservations)
    }

    /// Saves the reward statistics (when scaling) under `prefix`.
    func save(into state: inout StateDictionary, as prefix: String) {
        rewardScaler?.save(into: &state, as: prefix)
    }

    /// Restores what `save(into:as:)` saved.
    func restore(from state: StateDictionary, as prefix: String) throws(CheckpointError) {
        try rewardScaler?.restore(from: state, as: prefix)
    }
}
