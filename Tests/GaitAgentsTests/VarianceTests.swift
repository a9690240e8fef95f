import Testing
import GaitCore
import GaitEnvs
import GaitNN
@testable import GaitAgents

/// The variance of REINFORCE's gradient estimate on `lqr` under one fixed policy: reward-to-go
/// and baselines must reduce it, as the theory says.
@Suite("Policy-gradient variance")
struct VarianceTests {
    @Test("total return > reward-to-go > reward-to-go with a running-mean or a learned baseline")
    func estimatorVariance() throws {
        // lqr's objective is the undiscounted sum over its 100 steps: γ = 1.
        let configurations: [(String, [String: Double])] = [
            ("total return", ["estimator": 0, "baseline": 0, "gamma": 1]),
            ("reward-to-go", ["estimator": 1, "baseline": 0, "gamma": 1]),
            ("reward-to-go + running mean", ["estimator": 1, "baseline": 1, "gamma": 1]),
            ("reward-to-go + learned value", ["estimator": 1, "baseline": 2, "gamma": 1]),
        ]
        // A stabilising policy, trained briefly, then fixed and shared by every estimator.
        let teacher = try REINFORCEAgent(observationSize: 2, actionSize: 1,
                                         overrides: ["batch_steps": 2_000, "policy_lr": 3e-3], seed: 5)
        try Trainer(spec: registry.spec("lqr"), agent: teacher, settings: .init(seed: 5, evaluationEpisodes: 0))
            .train(until: 16_000) { _ in }
        let agents = try configurations.map { try REINFORCEAgent(observationSize: 2, actionSize: 1, overrides: $0.1, seed: 5) }
        for agent in agents {
            agent.model.actor.copyParameters(from: teacher.model.actor)
            agent.model.logStd.parameters.baseAddress!.update(from: teacher.model.logStd.parameters.baseAddress!, count: 1)
        }
        let environment = LQREnvironment(seed: 0)
        let buffer = ExperienceBuffer(capacity: 400, observationSize: 2, actionSize: 1)
        let segment = TransitionBatch(observationSize: 2, actionSize: 1)
        let observation = Matrix(rows: 1, columns: 2)
        var episode: UInt64 = 0
        func collectBatch() throws {
            for _ in 0..<4 {
                var state = environment.reset(seed: episode).observation
                episode += 1
                for _ in 0..<LQREnvironment.horizon {
                    observation.values.update(from: state, count: 2)
                    let action = [agents[0].act(observation, explore: true).values[0]]
                    let result = try environment.step(action)
                    buffer.append(observation: state, action: action, reward: result.reward, nextObservation: result.observation,
                                  terminated: false, truncated: environment.elapsed == LQREnvironment.horizon)
                    state = result.observation
                }
            }
            buffer.latest(400, into: segment)
        }
        // Warm up the baselines: the running mean sees returns, the value network is fitted.
        for _ in 0..<20 {
            try collectBatch()
            for agent in agents.suffix(2) {
                agent.computePolicyGradient(segment)
                if agent.hyperparameters.int("baseline") == 2 { _ = agent.fitValue() }
            }
        }
        var gradients = [[[Float]]](repeating: [], count: agents.count)
        for _ in 0..<60 {
            try collectBatch()
            for (index, agent) in agents.enumerated() {
                agent.computePolicyGradient(segment)
                gradients[index].append(agent.policyGradient)
            }
        }
        // The total variance: the sum over components of each component's variance across batches.
        let variances = gradients.map { samples -> Double in
            let count = Double(samples.count)
            return samples[0].indices.reduce(0.0) { total, k in
                let mean = samples.reduce(0.0) { $0 + Double($1[k]) } / count
                return total + samples.reduce(0.0) { $0 + (Double($1[k]) - mean) * (Double($1[k]) - mean) } / (count - 1)
            }
        }
        for (configuration, variance) in zip(configurations, variances) {
            print("REINFORCE gradient variance on lqr, \(configuration.0): \(variance)")
        }
        #expect(variances[1] < variances[0], "reward-to-go reduces variance")
        #expect(variances[2] < variances[1], "a running-mean baseline reduces it further")
        #expect(variances[3] < variances[1], "a learned value baseline reduces it further")
    }
}
