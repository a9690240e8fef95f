/// Returns and advantages over a segment of transitions in time order. The segment may mix
/// environment copies (`streams`) and contain episode ends: a termination cuts the future off
/// (no bootstrap); a truncation, or the segment's end, bootstraps from the value of the next
/// observation.
public enum ReturnEstimation {
    /// Generalized advantage estimation, GAE(γ, λ) (Schulman et al., 2016):
    /// δₜ = rₜ + γ·(1 − terminatedₜ)·V(s′ₜ) − V(sₜ), Aₜ = δₜ + γλ·(1 − doneₜ)·Aₜ₊₁, returnsₜ = Aₜ + V(sₜ).
    /// λ = 1 gives Monte Carlo returns (bootstrapped at cut-offs) minus V; λ = 0 gives δₜ.
    public static func generalizedAdvantages(rewards: [Float], values: [Float], nextValues: [Float], terminated: [Bool],
                                             truncated: [Bool], streams: [Int], gamma: Float, lambda: Float)
        -> (advantages: [Float], returns: [Float]) {
        var advantages = [Float](repeating: 0, count: rewards.count)
        var following: [Int: Float] = [:]  // per stream: the advantage of the step after
        for t in rewards.indices.reversed() {
            let continues: Float = terminated[t] ? 0 : 1
            let delta = rewards[t] + gamma * continues * nextValues[t] - values[t]
            let carried = terminated[t] || truncated[t] ? 0 : following[streams[t], default: 0]
            advantages[t] = delta + gamma * lambda * carried
            following[streams[t]] = advantages[t]
        }
        return (advantages, zip(advantages, values).map { $0 + $1 })
    }

    /// Discounted reward-to-go within each episode: Gₜ = Σₖ≥ₜ γᵏ⁻ᵗ rₖ, bootstrapped with
    /// `nextValues` where the episode is cut off (truncation or segment end) and zero at a
    /// termination. Pass zeros as `nextValues` to bootstrap nothing.
    public static func rewardsToGo(rewards: [Float], nextValues: [Float], terminated: [Bool], truncated: [Bool],
                                   streams: [Int], gamma: Float) -> [Float] {
        generalizedAdvantages(rewards: rewards, values: [Float](repeating: 0, count: rewards.count), nextValues: nextValues,
                              terminated: terminated, truncated: truncated, streams: streams, gamma: gamma, lambda: 1).returns
    }

    /// The whole-episode return estimator of REINFORCE: every step of an episode gets the
    /// discounted return of the episode from its first step in the segment.
    public static func episodeReturns(rewards: [Float], nextValues: [Float], terminated: [Bool], truncated: [Bool],
                                      streams: [Int], gamma: Float) -> [Float] {
        let toGo = rewardsToGo(rewards: rewards, nextValues: nextValues, terminated: terminated, truncated: truncated,
                               streams: streams, gamma: gamma)
        var result = toGo
        var episodeStart: [Int: Float] = [:]  // per stream: G₀ of the episode under way
        for t in rewards.indices {
            let start = episodeStart[streams[t]] ?? toGo[t]
            result[t] = start
            episodeStart[streams[t]] = terminated[t] || truncated[t] ? nil : start
        }
        return result
    }
}
