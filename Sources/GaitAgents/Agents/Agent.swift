import GaitCore
import GaitNN

/// A learning algorithm that the `Trainer` drives. A new algorithm plugs into the same loop by
/// conforming to this protocol.
public protocol Agent: AnyObject {
    /// The algorithm's short name (`sac`, `ppo` …).
    var name: String { get }
    /// The hyperparameters in use.
    var hyperparameters: Hyperparameters { get }
    /// The bytes the agent's networks take at the peak, as estimated when it was made (the
    /// default, 0: not estimated); the trainer checks them with the experience buffer's against
    /// the memory budget.
    var networkMemory: Double { get }
    /// How many transitions the experience buffer must keep when `copies` environment copies
    /// run side by side.
    func bufferCapacity(copies: Int) -> Int
    /// Whether the agent learns from transitions that earlier policies collected, kept in the
    /// experience buffer across updates (off-policy), so that one run's buffer can begin
    /// another's (`gait train --warm-start-buffer`). The default is false: the agent learns from
    /// its own latest rollouts.
    var learnsOffPolicy: Bool { get }
    /// The environment steps after which `learn` first updates, when `copies` copies run side
    /// by side (the first count past `learning_starts` that the copies reach together, or the
    /// first whole rollout).
    func firstUpdateStep(copies: Int) -> Int
    /// Refuses hyperparameters that do not fit `copies` environment copies side by side (PPO:
    /// more minibatches than a rollout holds steps); called before training starts.
    func check(copies: Int) throws(AgentError)
    /// Tells the agent how many environment copies run side by side and how many environment
    /// steps training will take in all (for schedules); called before training starts.
    func prepare(copies: Int, totalSteps: Int)
    /// Actions for each row of `observations`: exploring while training, deterministic when
    /// `explore` is false. The result is the agent's own matrix, valid until the next call.
    func act(_ observations: Matrix, explore: Bool) -> Matrix
    /// Called after every environment step (of all copies) with the buffer that now holds it and
    /// the number of environment steps taken so far. Learns when its schedule says so and
    /// returns what it measured (losses, entropy …), else nil.
    func learn(from buffer: ExperienceBuffer, totalSteps: Int) -> Info?
    /// The names of the values `learn` reports, in order (the columns of a metrics file).
    var metricNames: [String] { get }
    /// Saves everything that determines the agent's future: networks, optimiser moments,
    /// statistics, random generator state and counters.
    func save(into state: inout StateDictionary)
    /// Continues from a state saved by `save(into:)` of an agent made with the same settings.
    func restore(from state: StateDictionary) throws(CheckpointError)
    /// Whether the entry `key` of the state `save(into:)` writes belongs to the run rather than
    /// to what the agent learned: a counter, a random generator, a learning rate, work in
    /// progress. A warm start (`gait train --warm-start`) keeps the new agent's own value of each
    /// such entry and takes the others (networks, optimiser moments, statistics) from the
    /// checkpoint. The default is `isConventionalRunState(_:)`.
    func isRunState(_ key: String) -> Bool
}

extension Agent {
    public var networkMemory: Double { 0 }

    public var learnsOffPolicy: Bool { false }

    public func check(copies: Int) throws(AgentError) {}

    public func isRunState(_ key: String) -> Bool { Self.isConventionalRunState(key) }

    /// Whether `key` names run state as the built-in agents write it: `counters`, `random`, or
    /// an entry ending in `.random` (a random generator) or `.lr` (a learning rate).
    public static func isConventionalRunState(_ key: String) -> Bool {
        ["counters", "random"].contains(key) || key.hasSuffix(".random") || key.hasSuffix(".lr")
    }

    /// The first step count past `learningStarts` that `copies` copies, stepping together,
    /// reach: where an off-policy agent first updates.
    static func firstStep(after learningStarts: Int, copies: Int) -> Int { (learningStarts / copies + 1) * copies }
}
