import GaitCore
import GaitPhysics

/// What turns a simulated robot into a task: how an episode starts, what the agent observes and
/// what it is rewarded for. A task is a small value on top of a model file; `PhysicsEnvironment`
/// does the rest.
public protocol PhysicsTask: Sendable {
    /// Physics steps per control step.
    var substeps: Int { get }
    /// The observation's named parts, in order; their sizes add up to the observation size.
    var observationParts: [ObservationPart] { get }
    /// Puts the simulation into a random starting state.
    func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError)
    /// Writes the observation into `observation` (already `observationSize` long).
    func observe(_ simulation: Simulation, into observation: inout [Float])
    /// The reward after a step with `controls`; each term goes into `info` by name.
    func reward(_ simulation: Simulation, controls: [Double], info: inout Info) -> Double
    /// Whether the state is terminal (the episode ends with `terminated`); none of the built-in
    /// tasks ends early, but a user's task may.
    func isTerminal(_ simulation: Simulation) -> Bool
}

extension PhysicsTask {
    /// The number of observation components: the sum of the parts' sizes.
    public var observationSize: Int { observationParts.reduce(0) { $0 + $1.size } }

    /// Never terminal: the episode runs to its time limit.
    public func isTerminal(_ simulation: Simulation) -> Bool { false }
}
