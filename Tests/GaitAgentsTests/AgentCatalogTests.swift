import GaitCore
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
