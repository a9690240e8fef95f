import Foundation
import GaitCore
import GaitNN
import Testing
@testable import GaitAgents

@Suite("Documented hyperparameters")
struct AgentRegistryTests {
    @Test("every agent is documented, with its metrics, and its defaults are valid values")
    func everyAgentIsDocumented() throws {
        #expect(Set(AgentRegistry.builtin.names).count == AgentRegistry.builtin.specs.count)
        for entry in AgentRegistry.builtin.specs {
            let agent = try AgentRegistry.builtin.make(entry.name, observationSize: 3, actionSize: 2, seed: 1)
            #expect(agent.hyperparameters.names == entry.hyperparameters.map(\.name))
            #expect(entry.metrics.map(\.name) == agent.metricNames, "\(entry.name)")
            for spec in entry.hyperparameters {
                #expect(spec.range.contains(spec.defaultValue) && !spec.meaning.isEmpty, "\(entry.name).\(spec.name)")
                #expect(agent.hyperparameters[spec.name] == spec.defaultValue)
            }
        }
    }

    @Test("an off-policy agent first learns at the step its firstUpdateStep names, also with several copies",
          arguments: ["sac", "td3", "ddpg"], [1, 3])
    func firstUpdate(agentName: String, copies: Int) throws {
        let agent = try AgentRegistry.builtin.make(agentName, observationSize: 3, actionSize: 2,
                                                   overrides: ["learning_starts": 100, "batch_size": 8, "hidden_size": 8], seed: 1)
        agent.prepare(copies: copies, totalSteps: 1_000)
        let buffer = ExperienceBuffer(capacity: agent.bufferCapacity(copies: copies), observationSize: 3, actionSize: 2)
        var steps = 0
        var firstLearned: Int?
        while firstLearned == nil && steps < 1_000 {
            for stream in 0..<copies {
                buffer.append(observation: [0, 1, 2], action: [0.1, -0.1], reward: 1, nextObservation: [1, 2, 3],
                              terminated: false, truncated: false, stream: stream)
            }
            steps += copies
            if agent.learn(from: buffer, totalSteps: steps) != nil { firstLearned = steps }
        }
        #expect(firstLearned == agent.firstUpdateStep(copies: copies), "\(agentName) with \(copies) copies")
    }

    @Test("every hyperparameter, set away from its default, round-trips through config.json's JSON and an agent checkpoint")
    func everyFieldRoundTrips() throws {
        for entry in AgentRegistry.builtin.specs {
            var changed: [String: Double] = [:]
            for spec in entry.hyperparameters {
                let (low, high, value) = (spec.range.lowerBound, spec.range.upperBound, spec.defaultValue)
                let step = spec.whole ? 1 : 0.1 * max(high - value, value - low)
                changed[spec.name] = value + step <= high ? value + step : value - step
            }
            let agent = try AgentRegistry.builtin.make(entry.name, observationSize: 3, actionSize: 2, overrides: changed, seed: 1)
            #expect(agent.hyperparameters.all.allSatisfy { changed[$0.name] == $0.value }, "\(entry.name)")
            // As config.json keeps them: a JSON object of every value.
            let json = try JSONEncoder().encode(Dictionary(uniqueKeysWithValues: agent.hyperparameters.all.map { ($0.name, $0.value) }))
            let reread = try JSONDecoder().decode([String: Double].self, from: json)
            let again = try AgentRegistry.builtin.make(entry.name, observationSize: 3, actionSize: 2, overrides: reread, seed: 1)
            #expect(again.hyperparameters == agent.hyperparameters, "\(entry.name)")
            // And the agent made from them restores the first one's checkpoint.
            var state = StateDictionary()
            agent.save(into: &state)
            try again.restore(from: StateDictionary(try Safetensors(decoding: state.file.encoded())))
        }
    }

    @Test("every value outside a hyperparameter's valid values is one error naming the key and the values")
    func everyOutOfRangeValueIsRefused() throws {
        for entry in AgentRegistry.builtin.specs {
            for spec in entry.hyperparameters {
                var wrong = [spec.range.lowerBound - 1, spec.range.upperBound + 1, .nan, .infinity]
                if spec.whole { wrong.append(spec.range.lowerBound + 0.5) }
                for value in wrong {
                    #expect {
                        try AgentRegistry.builtin.make(entry.name, observationSize: 3, actionSize: 2, overrides: [spec.name: value], seed: 1)
                    } throws: { error in
                        guard case AgentError.invalidHyperparameter(let name, let reason) = error else { return false }
                        return name == spec.name && reason.contains(spec.validValues)
                    }
                }
            }
        }
    }

    @Test("two plugins that name the same agent are one error naming both")
    func duplicateNamesAreRefused() {
        #expect(throws: AgentError.duplicateAgent(name: "sac", plugins: ["builtin", "builtin"])) {
            try AgentRegistry(plugins: [BuiltinAgents.self, BuiltinAgents.self])
        }
    }

    @Test("each agent's policy head, applied to its saved tensors, gives the actions the agent takes when not exploring")
    func policyHeadsComputeTheDeterministicPolicy() throws {
        let observation: [Float] = [0.3, -1.2, 0.7]
        for entry in AgentRegistry.builtin.specs {
            let overrides = entry.hyperparameters.contains { $0.name == "normalize_observations" } ? ["normalize_observations": 0.0] : [:]
            let agent = try entry.make(observationSize: 3, actionSize: 2, overrides: overrides, seed: 1)
            var state = StateDictionary()
            agent.save(into: &state)
            var x = observation
            var layer = 0
            while let weight = state.file.tensors["\(entry.policy.network).\(layer).weight"],
                  let bias = state.file.tensors["\(entry.policy.network).\(layer).bias"] {
                if layer > 0 { x = x.map { entry.policy.hidden == .relu ? max($0, 0) : tanh($0) } }
                x = (0..<weight.shape[0]).map { row in
                    zip(weight.values[row * weight.shape[1]..<(row + 1) * weight.shape[1]], x).reduce(bias.values[row]) { $0 + $1.0 * $1.1 }
                }
                layer += 2
            }
            let expected = switch entry.policy.output {
            case .identity: x
            case .tanh: x.map(tanh)
            case .tanhOfMean: x.prefix(x.count / 2).map(tanh)
            }
            let actions = agent.act(Matrix(rows: 1, columns: 3, elements: observation), explore: false).elements
            #expect(layer > 2 && zip(actions, expected).allSatisfy { abs($0 - $1) < 1e-5 } && actions.count == expected.count,
                    "\(entry.name): \(actions) against \(expected)")
        }
    }
}
