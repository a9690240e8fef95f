import Testing
import GaitCore
import GaitNN
@testable import GaitAgents

@Suite("Experience buffer and return estimators")
struct BufferAndEstimatorTests {
    private func filled(capacity: Int, count: Int) -> ExperienceBuffer {
        let buffer = ExperienceBuffer(capacity: capacity, observationSize: 2, actionSize: 1)
        for i in 0..<count {
            let x = Float(i)
            buffer.append(observation: [x, -x], action: [x / 10], reward: Double(i), nextObservation: [x + 1, -x - 1],
                          terminated: i % 7 == 6, truncated: i % 5 == 4, stream: i % 2)
        }
        return buffer
    }

    @Test("a ring keeps the latest transitions, in order, with every field")
    func ring() {
        let buffer = filled(capacity: 8, count: 13)
        #expect(buffer.count == 8 && buffer.added == 13)
        let batch = TransitionBatch(observationSize: 2, actionSize: 1)
        buffer.latest(4, into: batch)
        #expect(batch.rewards == [9, 10, 11, 12])
        #expect(batch.observations.elements == [9, -9, 10, -10, 11, -11, 12, -12])
        #expect(batch.nextObservations.elements == [10, -10, 11, -11, 12, -12, 13, -13])
        #expect(batch.actions.elements == [0.9, 1.0, 1.1, 1.2])
        #expect(batch.terminated == [false, false, false, false] && batch.truncated == [true, false, false, false])
        #expect(batch.streams == [1, 0, 1, 0])
    }

    @Test("uniform minibatches are seeded, stay in the stored window and cover it")
    func sampling() {
        let buffer = filled(capacity: 50, count: 120)
        let (a, b) = (TransitionBatch(observationSize: 2, actionSize: 1), TransitionBatch(observationSize: 2, actionSize: 1))
        var first = RandomSource(seed: 3), second = RandomSource(seed: 3)
        buffer.sample(2000, random: &first, into: a)
        buffer.sample(2000, random: &second, into: b)
        #expect(a.rewards == b.rewards)
        #expect(a.rewards.allSatisfy { (70...119).contains($0) })
        #expect(Set(a.rewards).count == 50)
        for row in 0..<a.count { #expect(a.observations[row, 0] == a.rewards[row]) }
    }

    @Test("n-step draws sum a stream's next rewards, stop at an episode's end or the newest transition, and bootstrap γⁿ")
    func nStepDraws() {
        // Transitions 5…12 are stored, streams alternate (a stream's next transition is two on),
        // the reward is the index, 6 terminates, 9 truncates.
        let buffer = filled(capacity: 8, count: 13)
        let (oneStep, nStep) = (TransitionBatch(observationSize: 2, actionSize: 1), TransitionBatch(observationSize: 2, actionSize: 1))
        var first = RandomSource(seed: 5), second = RandomSource(seed: 5)
        buffer.sample(400, random: &first, into: oneStep)
        buffer.sample(400, steps: 3, gamma: 0.5, random: &second, into: nStep)
        #expect(nStep.observations.elements == oneStep.observations.elements && nStep.actions.elements == oneStep.actions.elements)
        #expect(Set(nStep.horizons) == [1, 2, 3])
        for row in 0..<nStep.count {
            var last = Int(nStep.observations[row, 0])
            var (reward, discount, horizon) = (Float(last), Float(0.5), 1)
            while horizon < 3, last % 7 != 6, last % 5 != 4, last + 2 <= 12 {
                last += 2
                reward += discount * Float(last)
                discount *= 0.5
                horizon += 1
            }
            #expect(nStep.rewards[row] == reward && nStep.horizons[row] == horizon, "row \(row)")
            #expect(nStep.nextObservations[row, 0] == Float(last + 1))
            #expect(nStep.terminated[row] == (last % 7 == 6) && nStep.truncated[row] == (last % 5 == 4))
        }
        let targets = Matrix(rows: 0, columns: 1)
        BootstrappedTarget.write(into: targets, batch: nStep, gamma: 0.5) { _ in 8 }
        for row in 0..<nStep.count {
            let future: Float = nStep.terminated[row] ? 0 : 8 / Float(1 << nStep.horizons[row])
            #expect(targets.values[row] == nStep.rewards[row] + future)
        }
    }

    @Test("ending the streams truncates each stream's latest transition, in a wrapped ring too, and nothing else")
    func endStreams() {
        let buffer = filled(capacity: 8, count: 13)
        buffer.append(observation: [13, -13], action: [1.3], reward: 13, nextObservation: [14, -14], terminated: false, truncated: false, stream: 0)
        buffer.endStreams()
        let batch = TransitionBatch(observationSize: 2, actionSize: 1)
        buffer.latest(8, into: batch)
        // Transitions 6…13: 9 truncated and 6 terminated as stored; 12 (stream 0's last before 13) stays, 11 and 13 end their streams.
        #expect(batch.rewards == [6, 7, 8, 9, 10, 11, 12, 13])
        #expect(batch.truncated == [false, false, false, true, false, true, false, true])
        #expect(batch.terminated == [true, false, false, false, false, false, false, false])
        var random = RandomSource(seed: 1)
        let drawn = TransitionBatch(observationSize: 2, actionSize: 1)
        buffer.sample(200, steps: 3, gamma: 1, random: &random, into: drawn)
        for row in 0..<drawn.count where drawn.observations[row, 0] == 11 { #expect(drawn.horizons[row] == 1) }
    }

    @Test("a saved buffer restores into one of its size, and into a smaller one with one error that names the sizes")
    func restoreChecksTheSize() throws {
        var state = StateDictionary()
        filled(capacity: 8, count: 5).save(into: &state, as: "buffer")
        let same = ExperienceBuffer(capacity: 8, observationSize: 2, actionSize: 1)
        try same.restore(from: state, as: "buffer")
        let batch = TransitionBatch(observationSize: 2, actionSize: 1)
        same.latest(5, into: batch)
        #expect(batch.rewards == [0, 1, 2, 3, 4])
        let smaller = ExperienceBuffer(capacity: 4, observationSize: 2, actionSize: 1)
        #expect(throws: CheckpointError.doesNotFit(reason: "the saved experience buffer keeps 5 of the 5 transitions it collected, "
                                                   + "and this run's would keep 4; keep its size (buffer_size) as it was")) {
            try smaller.restore(from: state, as: "buffer")
        }
    }

    @Test("GAE by hand: a termination cuts the future off, a truncation bootstraps, streams stay apart")
    func generalizedAdvantages() {
        // Stream 0: t0, t1 (terminated), t2 (truncated); stream 1: t3, t4 (segment end).
        let rewards: [Float] = [1, 2, 3, 4, 5]
        let values: [Float] = [0.5, 1, 2, 3, 4]
        let nextValues: [Float] = [1, 9, 6, 4, 7]
        let terminated = [false, true, false, false, false]
        let truncated = [false, false, true, false, false]
        let streams = [0, 0, 0, 1, 1]
        let (gamma, lambda): (Float, Float) = (0.9, 0.8)
        let (advantages, returns) = ReturnEstimation.generalizedAdvantages(
            rewards: rewards, values: values, nextValues: nextValues, terminated: terminated, truncated: truncated,
            streams: streams, gamma: gamma, lambda: lambda)
        let d0: Float = 1 + 0.9 * 1 - 0.5, d1: Float = 2 - 1, d2: Float = 3 + 0.9 * 6 - 2
        let d3: Float = 4 + 0.9 * 4 - 3, d4: Float = 5 + 0.9 * 7 - 4
        let expected: [Float] = [d0 + 0.72 * d1, d1, d2, d3 + 0.72 * d4, d4]
        for (a, e) in zip(advantages, expected) { #expect(abs(a - e) < 1e-5) }
        for t in 0..<5 { #expect(abs(returns[t] - (advantages[t] + values[t])) < 1e-6) }

        // λ = 0: the TD residual; λ = 1: Monte Carlo (bootstrapped at cut-offs) minus V.
        let td = ReturnEstimation.generalizedAdvantages(rewards: rewards, values: values, nextValues: nextValues,
                                                         terminated: terminated, truncated: truncated, streams: streams,
                                                         gamma: gamma, lambda: 0).advantages
        for (a, e) in zip(td, [d0, d1, d2, d3, d4]) { #expect(abs(a - e) < 1e-5) }
        let mc = ReturnEstimation.generalizedAdvantages(rewards: rewards, values: values, nextValues: nextValues,
                                                         terminated: terminated, truncated: truncated, streams: streams,
                                                         gamma: gamma, lambda: 1).advantages
        let monteCarlo: [Float] = [1 + 0.9 * 2, 2, 3 + 0.9 * 6, 4 + 0.9 * (5 + 0.9 * 7), 5 + 0.9 * 7]
        for t in 0..<5 { #expect(abs(mc[t] - (monteCarlo[t] - values[t])) < 1e-4) }
    }

    @Test("reward-to-go and whole-episode returns by hand")
    func returns() {
        let rewards: [Float] = [1, 1, 1, 2, 2]
        let zeros = [Float](repeating: 0, count: 5)
        let terminated = [false, false, true, false, false]
        let none = [Bool](repeating: false, count: 5)
        let streams = [Int](repeating: 0, count: 5)
        let toGo = ReturnEstimation.rewardsToGo(rewards: rewards, nextValues: zeros, terminated: terminated, truncated: none,
                                                streams: streams, gamma: 0.5)
        #expect(toGo == [1.75, 1.5, 1, 3, 2])
        let whole = ReturnEstimation.episodeReturns(rewards: rewards, nextValues: zeros, terminated: terminated,
                                                    truncated: none, streams: streams, gamma: 0.5)
        #expect(whole == [1.75, 1.75, 1.75, 3, 3])
    }

    @Test("hyperparameters: defaults, overrides by name, and errors naming the key")
    func hyperparameters() throws {
        let agent = try SACAgent(observationSize: 3, actionSize: 1, overrides: ["batch_size": 64], seed: 1)
        #expect(agent.hyperparameters.int("batch_size") == 64 && agent.hyperparameters["gamma"] == 0.99)
        #expect(throws: AgentError.unknownHyperparameter(name: "lr", valid: SACAgent.hyperparameters.map(\.name))) {
            try SACAgent(observationSize: 3, actionSize: 1, overrides: ["lr": 1], seed: 1)
        }
        let countReason = "it must be a whole number from 1 to \(Hyperparameters.maximumCount)"
        #expect(throws: AgentError.invalidHyperparameter(name: "num_minibatches", reason: "it is 0.5; " + countReason)) {
            try PPOAgent(observationSize: 3, actionSize: 1, overrides: ["num_steps": 64, "num_minibatches": 0.5], seed: 1)
        }
        let split = try PPOAgent(observationSize: 3, actionSize: 1, overrides: ["num_steps": 16], seed: 1)
        try split.check(copies: 2)
        #expect(throws: AgentError.invalidHyperparameter(name: "num_minibatches", reason: "it must be at most num_steps × envs (16), so that every minibatch holds steps")) {
            try split.check(copies: 1)
        }
        #expect(throws: AgentError.invalidHyperparameter(name: "update_epochs", reason: "it is 1000000; it must be a whole number from 1 to 1000")) {
            try PPOAgent(observationSize: 3, actionSize: 1, overrides: ["update_epochs": 1e6], seed: 1)
        }
        // Numbers that cannot become integers or allocations are refused before anything is allocated.
        #expect(throws: AgentError.invalidHyperparameter(name: "batch_size", reason: "it is 1e+30; " + countReason)) {
            try SACAgent(observationSize: 3, actionSize: 1, overrides: ["batch_size": 1e30], seed: 1)
        }
        for overrides: [String: Double] in [["hidden_size": 1e6], ["hidden_layers": 1e9], ["batch_size": 1e12]] {
            #expect {
                try SACAgent(observationSize: 3, actionSize: 1, overrides: overrides, seed: 1)
            } throws: { error in
                guard case .tooLarge(let what, let bytes, let limit, _, _) = error as? AgentError else { return false }
                return what.hasPrefix("networks of") && bytes > limit
            }
        }
        #expect(throws: AgentError.unknownAgent(name: "dqn", valid: AgentRegistry.builtin.names)) {
            try AgentRegistry.builtin.make("dqn", observationSize: 1, actionSize: 1, seed: 0)
        }
    }
}
