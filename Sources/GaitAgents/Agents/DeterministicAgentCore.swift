import GaitCore
import GaitNN

/// What DDPG and TD3 share: their settings, the deterministic policy and its exploration, the
/// random source, the batch each update samples (with the observation statistics that normalise
/// it), the critics' target values and the step counters. Each agent adds its critics and the
/// target it bootstraps from.
struct DeterministicAgentCore {
    let hyperparameters: Hyperparameters
    let configuration: DeterministicPolicyConfiguration
    /// Bytes the networks and their batches take.
    let networkMemory: Double
    /// The hidden layers' widths, for the agent's critics.
    let hidden: [Int]
    let policy: DeterministicPolicy
    /// Draws the networks' initial weights (the policy's first, then the critics'), the
    /// exploration noise and the batches.
    var random: RandomSource
    let batch: TransitionBatch
    let observationNormalization: ObservationNormalization
    /// The critics' bootstrapped targets, one row a sample of the batch.
    let targets = Matrix(rows: 0, columns: 1)
    /// The environment steps taken so far, as `learn` last heard.
    private var steps = 0
    /// The critic updates made so far.
    private var updates = 0

    init(fields: [HyperparameterField<DeterministicPolicyConfiguration>], observationSize: Int, actionSize: Int,
         overrides: [String: Double], seed: UInt64) throws(AgentError) {
        hyperparameters = try Hyperparameters(specs: fields.map(\.spec), overrides: overrides)
        configuration = DeterministicPolicyConfiguration(hyperparameters, fields: fields)
        random = RandomSource(seed: seed)
        (hidden, networkMemory) = try configuration.checkedNetworks(observationSize: observationSize, actionSize: actionSize,
                                                                     rows: configuration.batchSize)
        policy = DeterministicPolicy(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                                     learningRate: configuration.learningRate, random: &random)
        batch = TransitionBatch(observationSize: observationSize, actionSize: actionSize)
        observationNormalization = ObservationNormalization(observationSize: observationSize,
                                                            enabled: configuration.normalizeObservations)
    }

    /// The policy's actions: uniform while warming up, then μ(s) with Gaussian exploration noise
    /// when `explore`, else μ(s).
    mutating func act(_ observations: Matrix, explore: Bool) -> Matrix {
        policy.act(observationNormalization.actorInput(observations, explore: explore), explore: explore,
                   warmingUp: steps < configuration.learningStarts, noise: configuration.explorationNoise, random: &random)
    }

    /// Records that `totalSteps` environment steps have been taken; true once learning starts.
    mutating func learns(at totalSteps: Int) -> Bool {
        steps = totalSteps
        return totalSteps > configuration.learningStarts
    }

    /// Samples the next batch (n-step transitions when `n_step` > 1) and normalises its
    /// observations.
    mutating func sample(from buffer: ExperienceBuffer) {
        buffer.sample(configuration.batchSize, steps: configuration.nStep, gamma: configuration.gamma, random: &random,
                      into: batch)
        observationNormalization.normalize(batch)
    }

    /// Counts one critic update; true when the policy and the targets are due theirs
    /// (every `policy_frequency` critic updates).
    mutating func countCriticUpdate() -> Bool {
        updates += 1
        return updates % configuration.policyFrequency == 0
    }

    /// Saves the policy, the random source, the counters and the observation statistics.
    func save(into state: inout StateDictionary) {
        policy.save(into: &state)
        state.set("random", random: random)
        state.set("counters", numbers: [Double(steps), Double(updates)])
        observationNormalization.save(into: &state)
    }

    /// Restores what `save(into:)` saved.
    mutating func restore(from state: StateDictionary) throws(CheckpointError) {
        try policy.restore(from: state)
        random = try state.random("random")
        let counters = try state.counts("counters", count: 2)
        (steps, updates) = (counters[0], counters[1])
        try observationNormalization.restore(from: state)
    }
}
