import GaitCore
import GaitEnvs
import Testing
@testable import GaitAgents

/// Divergence that stays finite is warned of once per quantity: a watched loss that stays orders
/// of magnitude above its level, and returns that fall far below the first ones.
@Suite("Divergence watch")
struct DivergenceWatchTests {
    private func record(_ step: Int, _ values: KeyValuePairs<String, Double>) -> TrainingRecord {
        TrainingRecord(step: step, wallTime: 0, values: Info(values))
    }

    /// The warnings of `records` fed in turn to a watch of A2C's metrics.
    private func warnings(_ records: [TrainingRecord]) -> [DivergenceWatch.Warning] {
        var watch = DivergenceWatch(metrics: A2CAgent.metrics)
        return records.flatMap { watch.observe($0) }
    }

    @Test("a watched loss that rises 10³× above its highest level warns once; spikes, dips and unwatched values do not")
    func sustainedJump() {
        // A noisy small-batch loss around 0.01 with a spike of 10⁵× every seventh record, that
        // sinks to 1e-9 for a while and comes back.
        let noisy = (1...60).map { step in
            record(step, ["value_loss": step % 7 == 0 ? 1_000 : (20...35).contains(step) ? 1e-9 : 0.01 * Double(1 + step % 3),
                          "policy_loss": step > 30 ? -1e9 : -1])
        }
        #expect(warnings(noisy).isEmpty)
        let jumped = noisy + (61...70).map { record($0, ["value_loss": 50 * Double($0)]) }
        let found = warnings(jumped)
        #expect(found.map(\.quantity) == ["value_loss"])
        #expect(found.first?.step == 63, "the third record above the level makes the median of five")
        #expect(found.first?.description.contains("step 63: value_loss has a median of") == true)
    }

    @Test("an evaluation far below the first warns; a fall to zero from a positive start does not")
    func evaluationFalls() {
        let falling = [record(1_000, ["eval_return": -900, "eval_std": 300]), record(2_000, ["eval_return": -5_000]),
                       record(3_000, ["eval_return": -20_000]), record(4_000, ["eval_return": -90_000])]
        #expect(warnings(falling).map(\.step) == [3_000])
        #expect(warnings([record(1_000, ["eval_return": 80]), record(2_000, ["eval_return": 0])]).isEmpty)
    }

    @Test("training episodes far below the first three warn once ten have been seen")
    func episodesFall() {
        let first = [-5_000.0, -300, -9_000].enumerated().map { record(100 * ($0 + 1), ["episode_return": $1]) }
        let later = (4...20).map { record(100 * $0, ["episode_return": -1.3e6]) }
        #expect(warnings(first + later).map(\.step) == [1_300])
        #expect(warnings(first + (4...20).map { record(100 * $0, ["episode_return": -20]) }).isEmpty)
    }

    /// A2C at 0.3 warns by step 3,500 under every OpenBLAS kernel tried (Haswell, Zen, SkylakeX,
    /// Cooperlake) and stays finite to 8,000; at 0.5 it warned at step 4,000 or 10,000 depending
    /// on the kernel, and some kernels' runs reached NaN before 10,000.
    @Test("a deliberately too-large learning rate is warned of while training goes on",
          arguments: [("a2c", 0.3, 8_000), ("ppo", 0.1, 12_000)])
    func tooLargeLearningRate(agent: String, learningRate: Double, steps: Int) throws {
        let spec = try registry.spec("lqr")
        let learner = try AgentRegistry.builtin.make(agent, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                                     overrides: ["learning_rate": learningRate], seed: 1)
        let trainer = try Trainer(spec: spec, agent: learner, settings: .init(seed: 1, evaluationInterval: 2_000, evaluationEpisodes: 3))
        var watch = DivergenceWatch(metrics: try AgentRegistry.builtin.spec(agent).metrics)
        var found: [DivergenceWatch.Warning] = []
        try trainer.train(until: steps) { found += watch.observe($0) }
        #expect(!found.isEmpty, "no warning at learning_rate=\(learningRate)")
        #expect(trainer.steps >= steps, "a warning does not stop training")
    }
}
