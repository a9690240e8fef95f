import Foundation
import GaitCore
import GaitNN
import Testing
@testable import GaitAgents

@Suite("Documented hyperparameters")
struct AgentCatalogTests {
    @Test("every agent is documented, with its metrics, and its defaults are valid values")
    func everyAgentIsDocumented() throws {
        #expect(AgentCatalog.entries.map(\.name) == AgentFactory.names)
        for entry in AgentCatalog.entries {
            let agent = try AgentFactory.make(entry.name, observationSize: 3, actionSize: 2, seed: 1)
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
        let agent = try AgentFactory.make(agentName, observationSize: 3, actionSize: 2,
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
        for entry in AgentCatalog.entries {
            var changed: [String: Double] = [:]
            for spec in entry.hyperparameters {
                let (low, high, value) = (spec.range.lowerBound, spec.range.upperBound, spec.defaultValue)
                let step = spec.whole ? 1 : 0.1 * max(high - value, value - low)
                changed[spec.name] = value + step <= high ? value + step : value - step
            }
            let agent = try AgentFactory.make(entry.name, observationSize: 3, actionSize: 2, overrides: changed, seed: 1)
            #expect(agent.hyperparameters.all.allSatisfy { changed[$0.name] == $0.value }, "\(entry.name)")
            // As config.json keeps them: a JSON object of every value.
            let json = try JSONEncoder().encode(Dictionary(uniqueKeysWithValues: agent.hyperparameters.all.map { ($0.name, $0.value) }))
            let reread = try JSONDecoder().decode([String: Double].self, from: json)
            let again = try AgentFactory.make(entry.name, observationSize: 3, actionSize: 2, overrides: reread, seed: 1)
            #expect(again.hyperparameters == agent.hyperparameters, "\(entry.name)")
            // And the agent made from them restores the first one's checkpoint.
            var state = StateDictionary()
            agent.save(into: &state)
            try again.restore(from: StateDictionary(try Safetensors(decoding: state.file.encoded())))
        }
    }

    @Test("every value outside a hyperparameter's valid values is one error naming the key and the values")
    func everyOutOfRangeValueIsRefused() throws {
        for entry in AgentCatalog.entries {
            for spec in entry.hyperparameters {
                var wrong = [spec.range.lowerBound - 1, spec.range.upperBound + 1, .nan, .infinity]
                if spec.whole { wrong.append(spec.range.lowerBound + 0.5) }
                for value in wrong {
                    #expect {
                        try AgentFactory.make(entry.name, observationSize: 3, actionSize: 2, overrides: [spec.name: value], seed: 1)
                    } throws: { error in
                        guard case AgentError.invalidHyperparameter(let name, let reason) = error else { return false }
                        return name == spec.name && reason.contains(spec.validValues)
                    }
                }
            }
        }
    }
}
