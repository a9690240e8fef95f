import GaitAgents
import GaitCore
import GaitEnvs
import GaitNN
import RandomSearch
import Testing

/// A trainer of random search on the LQR task, through the plugin's spec as `--agent` makes it.
private func lqrTrainer(seed: UInt64 = 2) throws -> Trainer {
    let spec = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self]).spec("lqr")
    let registry = try AgentRegistry(plugins: [BuiltinAgents.self, RandomSearchPlugin.self])
    let agent = try registry.make("random-search", observationSize: spec.observationSize, actionSize: spec.actionSize,
                                  overrides: ["n_delta": 4, "learning_rate": 0.1, "delta_std": 0.1], seed: seed)
    return try Trainer(spec: spec, agent: agent, settings: .init(copies: 2, seed: seed, evaluationInterval: 1_000_000,
                                                                 evaluationEpisodes: 20, logInterval: 1_000))
}

@Test func randomSearchLearnsTheLinearQuadraticRegulator() throws {
    let trainer = try lqrTrainer()
    let before = try trainer.evaluate()
    try trainer.train(until: 20_000, report: { _ in })
    let after = try trainer.evaluate()
    // It starts from the zero policy (doing nothing), and ends losing less than a tenth of that.
    #expect(before.mean < 0 && after.mean > before.mean / 10, "before \(before.mean), after \(after.mean)")
}

@Test func aResumedRunContinuesExactly() throws {
    let whole = try lqrTrainer(), interrupted = try lqrTrainer()
    try whole.train(until: 6_000, report: { _ in })
    try interrupted.train(until: 3_050, report: { _ in })
    var state = StateDictionary()
    interrupted.agent.save(into: &state)
    interrupted.save(into: &state)
    let resumed = try lqrTrainer()
    try resumed.agent.restore(from: state)
    try resumed.restore(from: state)
    try resumed.train(until: 6_000, report: { _ in })
    #expect(try resumed.evaluate().returns == (try whole.evaluate().returns))
}
