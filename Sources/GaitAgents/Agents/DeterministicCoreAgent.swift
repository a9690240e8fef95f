import GaitCore
import GaitNN

/// An agent built on `DeterministicAgentCore` (DDPG, TD3): its settings, memory, schedule and
/// actions come from the core; the agent adds its critics, its update, its metrics and what it
/// saves.
protocol DeterministicCoreAgent: PluggableAgent {
    var core: DeterministicAgentCore { get set }
}

extension DeterministicCoreAgent {
    public var networkMemory: Double { core.networkMemory }
    public var hyperparameters: Hyperparameters { core.hyperparameters }
    public var learnsOffPolicy: Bool { true }
    public func bufferCapacity(copies: Int) -> Int { core.configuration.bufferSize }
    public func firstUpdateStep(copies: Int) -> Int { Self.firstStep(after: core.configuration.learningStarts, copies: copies) }
    public func prepare(copies: Int, totalSteps: Int) {}
    public func act(_ observations: Matrix, explore: Bool) -> Matrix { core.act(observations, explore: explore) }
}
