import GaitAgents

/// The plugin that adds `random-search`. List it next to Gait's own agents:
/// `GaitCLI.main(plugins: …, agents: [BuiltinAgents.self, RandomSearchPlugin.self])`.
public enum RandomSearchPlugin: AgentPlugin {
    public static let name = "random-search example"

    public static let agents = [
        AgentSpec(RandomSearchAgent.self, name: "random-search",
                  summary: "Basic random search (Mania et al. 2018) over a linear policy: antithetic weight perturbations, one episode each",
                  policy: PolicyHead(network: "policy", hidden: .tanh, output: .tanh)),
    ]
}
