import GaitCore
import GaitPhysics

/// An environment made of a robot model and a `PhysicsTask`: actions in [−1, 1] become controls
/// by an `ActionMapping` (by default spanning each actuator's control range), each control step
/// runs `task.substeps` physics steps, and a physics blow-up ends the episode with `terminated`
/// and `info.messages["physics_error"]`. With an action repeat of n, each step holds the action
/// for n control steps and returns the sum of their rewards (dm_control's and TD-MPC2's action
/// repeat) with the last one's observation and reward terms in `info`; it stops early at a
/// terminal state or a blow-up, returning the rewards summed so far.
public final class PhysicsEnvironment: Environment {
    /// The running simulation.
    public let simulation: Simulation
    /// The task on top of it.
    public let task: any PhysicsTask
    public let observationSpace: Box
    public let actionSpace: Box
    public let settings: [String: String]

    private var random: RandomSource
    private var controls: [Double]
    /// The last step's actions, as the task's reward sees them.
    private var actionValues: [Double]
    /// How actions become controls.
    public let actionMapping: ActionMapping
    /// Control steps each action is held for.
    public let actionRepeat: Int
    private var observation: ObservationWriter
    private var info = Info()

    /// A fresh simulation of `model` running `task`, its actions mapped by `actionMapping`
    /// (default: spanning each control range; one of another model's is a programming error) and
    /// held for `actionRepeat` control steps (at least 1); the first unseeded reset draws from
    /// `seed` (or from system randomness).
    public init(model: Model, task: any PhysicsTask, actionMapping: ActionMapping? = nil, actionRepeat: Int = 1, seed: UInt64? = nil) {
        precondition(actionRepeat >= 1, "an action repeat must be at least 1")
        simulation = Simulation(model: model)
        self.task = task
        observation = ObservationWriter(parts: task.observationParts(of: simulation))
        observationSpace = .unbounded(observation.values.count)
        actionSpace = .actions(model.actuators.count)
        self.actionMapping = actionMapping ?? ActionMapping(spanning: model)
        precondition(self.actionMapping.centers.count == model.actuators.count, "an action mapping for \(self.actionMapping.centers.count) actuators on a model with \(model.actuators.count)")
        self.actionRepeat = actionRepeat
        var settings = ["engine": "ODE 0.16, dWorldStep (Dantzig LCP)", "model": model.name,
                        "timestep": "\(model.timestep)", "substeps": "\(task.substeps)", "actions": self.actionMapping.summary]
        if actionRepeat > 1 { settings["action_repeat"] = "\(actionRepeat)" }
        self.settings = settings
        random = RandomSource(seed: seed ?? .random(in: .min ... .max))
        controls = [Double](repeating: 0, count: model.actuators.count)
        actionValues = controls
    }

    /// The most random starts a reset draws before it gives up with `noValidStart`.
    public static let maximumStartDraws = 1000

    public func reset(seed: UInt64?) throws(EnvironmentError) -> (observation: [Float], info: Info) {
        if let seed { random = RandomSource(seed: seed) }
        var lastProblem: PhysicsError?
        for _ in 0..<Self.maximumStartDraws {
            simulation.reset()
            do {
                try task.reset(simulation, random: &random)
            } catch {
                // A random start that blew up while settling, or touches something where it must
                // not, is drawn again.
                lastProblem = error
                continue
            }
            _ = try evaluate(task, actions: nil)
            return (observation.values, Info())
        }
        throw .noValidStart("\(simulation.model.name): none of \(Self.maximumStartDraws) random starts was usable (the last: \(lastProblem!))")
    }

    public func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        guard action.count == controls.count else { throw .wrongActionSize(expected: controls.count, got: action.count) }
        for index in controls.indices {
            actionValues[index] = Double(action[index])
            controls[index] = actionMapping.control(index, for: action[index])
        }
        var reward = 0.0
        for repetition in 0..<actionRepeat {
            do {
                try simulation.step(controls: controls, substeps: task.substeps)
            } catch {
                var failure = Info()
                failure.messages["physics_error"] = error.description
                return StepResult(observation: observation.values, reward: reward, terminated: true, truncated: false, info: failure)
            }
            let latest = try evaluate(task, actions: actionValues)
            reward = repetition == 0 ? latest : reward + latest  // one step's reward exactly as it is (a −0 stays −0)
            if task.isTerminal(simulation) {
                return StepResult(observation: observation.values, reward: reward, terminated: true, truncated: false, info: info)
            }
        }
        return StepResult(observation: observation.values, reward: reward, terminated: false, truncated: false, info: info)
    }

    /// Reads the task's readings once, writes the observation from them and, after a step with
    /// `actions`, returns the reward (its terms in `info`); 0 without actions.
    private func evaluate<Task: PhysicsTask>(_ task: Task, actions: [Double]?) throws(EnvironmentError) -> Double {
        let readings = task.read(simulation)
        observation.restart()
        task.observe(readings, of: simulation, into: &observation)
        if let problem = observation.layoutProblem {
            throw .observationLayout("\(problem); a task must write the same parts, of the same sizes, in every state")
        }
        guard let actions else { return 0 }
        info.removeAll()
        return task.reward(readings, of: simulation, actions: actions, info: &info)
    }

    /// The simulation time, the full simulation state, and the random generator (which decides
    /// later resets).
    public func snapshot() -> EnvironmentSnapshot {
        let state = simulation.state()
        return EnvironmentSnapshot(["simulation.time": [state.time], "simulation.bodies": state.values,
                                    "random": random.exactValues])
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let time = try snapshot.values("simulation.time", count: 1)[0]
        let bodies = try snapshot.values("simulation.bodies")
        let saved = try snapshot.random()
        do {
            try simulation.restore(SimulationState(time: time, values: bodies))
        } catch .invalidState(let why) {
            throw .cannotRestore(why)  // without the simulation's own "cannot be restored" lead-in
        } catch {
            throw .cannotRestore(error.description)
        }
        random = saved
        _ = try evaluate(task, actions: nil)
    }
}
