import GaitCore
import GaitPhysics

/// What turns a simulated robot into a task: how an episode starts, what the agent observes and
/// what it is rewarded for. A task is a small value on top of a model file; `PhysicsEnvironment`
/// does the rest.
///
/// After every step the environment calls `read` once, and hands its readings (the physics
/// quantities the task names, such as the head's height) to both `observe` and `reward`.
public protocol PhysicsTask: Sendable {
    /// The physics readings the observation and the reward share, read once per step (`Void`
    /// when they share none).
    associatedtype Readings = Void

    /// Physics steps per control step.
    var substeps: Int { get }
    /// Puts the simulation into a random starting state.
    func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError)
    /// Reads what `observe` and `reward` use from the simulation's current state.
    func read(_ simulation: Simulation) -> Readings
    /// Writes the observation, part by part, into `writer`. It must write the same parts, of the
    /// same sizes, in every state: they are the observation's layout.
    func observe(_ readings: Readings, of simulation: Simulation, into writer: inout ObservationWriter)
    /// The reward after a step with `actions` (the agent's, in [−1, 1], before the environment's
    /// `ActionMapping` makes them controls); each term goes into `info` by name.
    func reward(_ readings: Readings, of simulation: Simulation, actions: [Double], info: inout Info) -> Double
    /// Whether the state is terminal (the episode ends with `terminated`); none of the built-in
    /// tasks ends early, but a user's task may.
    func isTerminal(_ simulation: Simulation) -> Bool
}

extension PhysicsTask {
    /// Never terminal: the episode runs to its time limit.
    public func isTerminal(_ simulation: Simulation) -> Bool { false }

    /// The observation's named parts, in order, as `observe` writes them on `simulation`.
    public func observationParts(of simulation: Simulation) -> [ObservationPart] {
        var writer = ObservationWriter.recording()
        observe(read(simulation), of: simulation, into: &writer)
        return writer.parts
    }

    /// The observation's named parts on a fresh simulation of `model`.
    public func observationParts(on model: Model) -> [ObservationPart] { observationParts(of: Simulation(model: model)) }

    /// The observation of the simulation's current state.
    public func observation(of simulation: Simulation) -> [Float] {
        var writer = ObservationWriter(parts: observationParts(of: simulation))
        observe(read(simulation), of: simulation, into: &writer)
        return writer.values
    }

    /// The reward for the simulation's current state after a step with `actions`; each term goes
    /// into `info` by name.
    public func reward(_ simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        reward(read(simulation), of: simulation, actions: actions, info: &info)
    }
}

extension PhysicsTask where Readings == Void {
    /// Nothing to read: the observation and the reward share no readings.
    public func read(_ simulation: Simulation) {}
}
