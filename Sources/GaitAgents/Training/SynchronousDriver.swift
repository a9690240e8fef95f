import GaitCore
import GaitNN

/// Trains a (synchronous) agent on a vector environment: each advance acts on every copy's
/// observation at once, steps the copies together, stores their transitions and calls the
/// agent's `learn`, which learns at its own cadence.
final class SynchronousDriver: TrainingDriver {
    private let agent: any Agent
    private let environments: VectorEnvironment
    private let copies: CopiesState

    init(agent: any Agent, environments: VectorEnvironment, copies: CopiesState) {
        self.agent = agent
        self.environments = environments
        self.copies = copies
    }

    var granularity: Int { environments.count }

    func reset(seed: UInt64) throws -> [[Float]] { try environments.reset(seed: seed).map(\.observation) }

    func snapshots() -> [EnvironmentSnapshot] { environments.snapshots() }

    func restore(_ snapshots: [EnvironmentSnapshot]) throws { try environments.restore(snapshots) }

    /// One step of every copy, then the agent's `learn` (`target` and `pause` do not matter), or
    /// nothing when `shouldStop` says so.
    func advance(from steps: Int, toward target: Int, pausingAt pause: Int, clock: @escaping @Sendable () -> Double,
                 report: (TrainingRecord) -> Void, shouldStop: () -> Bool) throws -> TrainingAdvance {
        if shouldStop() { return TrainingAdvance(steps: steps, updates: 0, learned: nil, finished: false) }
        let observations = copies.observations, observationSize = observations.columns, actionSize = environments.spec.actionSize
        // Act
        let actions = agent.act(observations, explore: true)
        try actions.requireFinite(step: steps, agent: agent.name)
        // Step
        let results = try environments.step((0..<environments.count).map { copy in
            Array(UnsafeBufferPointer(start: actions.values + copy * actionSize, count: actionSize))
        })
        // Store
        for (copy, step) in results.enumerated() {
            guard step.result.reward.isFinite else {
                throw AgentError.diverged(step: steps + copy + 1, agent: agent.name, quantity: "the reward of environment copy \(copy)")
            }
            let next = step.final?.observation ?? step.result.observation
            next.withUnsafeBufferPointer { nextObservation in
                copies.buffer.append(observation: observations.values + copy * observationSize,
                                     action: actions.values + copy * actionSize, reward: step.result.reward,
                                     nextObservation: nextObservation.baseAddress!, terminated: step.result.terminated,
                                     truncated: step.result.truncated, stream: copy)
            }
            step.result.observation.withUnsafeBufferPointer {
                (observations.values + copy * observationSize).update(from: $0.baseAddress!, count: observationSize)
            }
            if let episode = copies.runningEpisodes.add(step.result.reward, copy: copy, done: step.result.isDone,
                                                        step: steps + copy + 1, wallTime: clock) {
                report(episode)
            }
        }
        // Learn
        let reached = steps + environments.count
        let learned = agent.learn(from: copies.buffer, totalSteps: reached)
        try learned?.requireFinite(step: reached, agent: agent.name)
        return TrainingAdvance(steps: reached, updates: learned == nil ? 0 : 1, learned: learned, finished: true)
    }
}
