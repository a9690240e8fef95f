/// Checks that an environment keeps the `Environment` contract: well-formed spaces, seeded and
/// reproducible resets and trajectories, finite observations inside the space, finite rewards,
/// the terminated/truncated semantics, rejected bad actions and exact snapshots.
public struct EnvironmentChecker: Sendable {
    /// The seed used for resets and for the random actions.
    public var seed: UInt64
    /// How many steps the reproducibility checks take.
    public var steps: Int

    /// A checker with the given seed and step budget.
    public init(seed: UInt64 = 0, steps: Int = 200) {
        self.seed = seed
        self.steps = steps
    }

    /// Runs every check on `spec` and reports each one.
    public func check(_ spec: EnvironmentSpec, options: [String: String] = [:]) -> EnvironmentReport {
        var checks: [EnvironmentCheck] = []
        func run(_ name: String, _ body: () throws -> String) {
            do {
                checks.append(EnvironmentCheck(name: name, passed: true, detail: try body()))
            } catch let failure as CheckFailure {
                checks.append(EnvironmentCheck(name: name, passed: false, detail: failure.message))
            } catch {
                checks.append(EnvironmentCheck(name: name, passed: false, detail: "threw: \(error)"))
            }
        }
        let make = { try spec.make(options: options) }
        run("spaces") { try checkSpaces(spec, make()) }
        run("stable physics") { try checkStability(make()) }
        run("seeded reset") { try checkSeededReset(make(), make()) }
        run("reproducible trajectories") { try checkReproducible(make(), make()) }
        run("observations and rewards") { try checkValues(make()) }
        run("episode end") { try checkEpisodeEnd(spec, make()) }
        run("call order") { try checkOrder(make()) }
        run("bad actions") { try checkActions(make()) }
        run("snapshots") { try checkSnapshots(spec, make()) }
        return EnvironmentReport(environment: spec.id, checks: checks)
    }

    private struct CheckFailure: Error {
        let message: String
    }

    private func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw CheckFailure(message: message()) }
    }

    private func randomAction(_ space: Box, _ random: inout RandomSource) -> [Float] {
        (0..<space.size).map { _ in Float(random.uniform(-1...1)) }
    }

    /// Steps with seeded random actions, resetting (unseeded) when an episode ends.
    private func rollout(_ environment: any Environment, count: Int) throws -> [StepResult] {
        var random = RandomSource(seed: seed &+ 1)
        var results: [StepResult] = []
        for _ in 0..<count {
            let result = try environment.step(randomAction(environment.actionSpace, &random))
            results.append(result)
            if result.isDone { _ = try environment.reset(seed: nil) }
        }
        return results
    }

    private func checkSpaces(_ spec: EnvironmentSpec, _ environment: any Environment) throws -> String {
        let actions = environment.actionSpace, observations = environment.observationSpace
        try require(actions == .actions(spec.actionSize),
                    "the action space must be [-1, 1]^\(spec.actionSize), as the spec says")
        try require(observations.size == spec.observationSize,
                    "observation space has \(observations.size) components; the spec says \(spec.observationSize)")
        try require(zip(observations.low, observations.high).allSatisfy { $0 <= $1 },
                    "an observation lower bound exceeds its upper bound")
        try require(spec.maxEpisodeSteps > 0, "the episode limit must be positive")
        return "\(observations.size) observations, \(actions.size) actions in [-1, 1]"
    }

    private func checkStability(_ environment: any Environment) throws -> String {
        _ = try environment.reset(seed: seed)
        for (index, result) in try rollout(environment, count: steps).enumerated() {
            if let error = result.info.messages["physics_error"] {
                throw CheckFailure(message: "the simulation blew up at step \(index + 1) under random actions (\(error)); "
                                   + "the model is unstable: lower its gears or stiffness, or raise masses, damping or sub-steps")
            }
        }
        return "\(steps) steps of random actions stay finite"
    }

    private func checkSeededReset(_ first: any Environment, _ second: any Environment) throws -> String {
        let a = try first.reset(seed: seed), b = try second.reset(seed: seed), c = try first.reset(seed: seed)
        try require(a.observation == b.observation && a.observation == c.observation,
                    "reset(seed: \(seed)) gave different observations")
        try require(a.info == b.info, "reset(seed: \(seed)) gave different info")
        return "reset(seed: \(seed)) gives the same observation each time"
    }

    private func checkReproducible(_ first: any Environment, _ second: any Environment) throws -> String {
        _ = try first.reset(seed: seed)
        _ = try second.reset(seed: seed)
        let a = try rollout(first, count: steps), b = try rollout(second, count: steps)
        for (index, (x, y)) in zip(a, b).enumerated() {
            try require(x == y, "runs with the same seed and actions differ at step \(index + 1)")
        }
        return "\(steps) steps identical for the same seed and actions"
    }

    private func checkValues(_ environment: any Environment) throws -> String {
        let space = environment.observationSpace
        let first = try environment.reset(seed: seed).observation
        try require(first.allSatisfy(\.isFinite) && space.contains(first), "the reset observation is not finite or outside the space")
        let results = try rollout(environment, count: steps)
        for (index, result) in results.enumerated() {
            try require(result.observation.allSatisfy(\.isFinite), "non-finite observation at step \(index + 1)")
            try require(space.contains(result.observation), "observation outside the space at step \(index + 1)")
            try require(result.reward.isFinite, "non-finite reward at step \(index + 1)")
        }
        let rewards = results.map(\.reward)
        return "finite; rewards in [\(rewards.min() ?? 0), \(rewards.max() ?? 0)] over \(steps) steps"
    }

    private func checkEpisodeEnd(_ spec: EnvironmentSpec, _ environment: any Environment) throws -> String {
        _ = try environment.reset(seed: seed)
        var random = RandomSource(seed: seed &+ 2)
        var count = 0
        var last: StepResult?
        while count < spec.maxEpisodeSteps + 1 {
            let result = try environment.step(randomAction(environment.actionSpace, &random))
            count += 1
            last = result
            if result.isDone { break }
            try require(count < spec.maxEpisodeSteps, "the episode ran past its limit of \(spec.maxEpisodeSteps) steps")
        }
        guard let end = last else { throw CheckFailure(message: "no step was taken") }
        if end.truncated {
            try require(count == spec.maxEpisodeSteps, "truncated after \(count) steps, not at the limit \(spec.maxEpisodeSteps)")
            try require(!end.terminated, "the time limit set terminated; it must only truncate")
        }
        do {
            _ = try environment.step(randomAction(environment.actionSpace, &random))
            throw CheckFailure(message: "stepping after the episode ended did not throw")
        } catch let error as EnvironmentError {
            try require(error == .episodeFinished, "stepping after the end threw \(error), not episodeFinished")
        }
        return end.terminated ? "terminated after \(count) steps; stepping on throws"
            : "truncated at the limit (\(count) steps); stepping on throws"
    }

    private func checkOrder(_ environment: any Environment) throws -> String {
        do {
            _ = try environment.step([Float](repeating: 0, count: environment.actionSpace.size))
            throw CheckFailure(message: "stepping before reset did not throw")
        } catch let error as EnvironmentError {
            try require(error == .notReset, "stepping before reset threw \(error), not notReset")
        }
        return "stepping before reset throws"
    }

    private func checkActions(_ environment: any Environment) throws -> String {
        _ = try environment.reset(seed: seed)
        let size = environment.actionSpace.size
        for (action, expected) in [
            ([Float](repeating: .nan, count: size), EnvironmentError.nonFiniteAction(index: 0)),
            ([Float](repeating: 0, count: size + 1), .wrongActionSize(expected: size, got: size + 1)),
        ] {
            do {
                _ = try environment.step(action)
                throw CheckFailure(message: "the action \(action) was accepted")
            } catch let error as EnvironmentError {
                try require(error == expected, "the bad action threw \(error), expected \(expected)")
            }
        }
        let wild = (0..<size).map { $0.isMultiple(of: 2) ? Float(3) : -3 }
        let result = try environment.step(wild)
        try require(result.info["clipped_actions"] == Double(size), "clipping was not counted in info[\"clipped_actions\"]")
        return "NaN and wrong sizes throw; out-of-range actions are clipped and counted"
    }

    private func checkSnapshots(_ spec: EnvironmentSpec, _ environment: any Environment) throws -> String {
        _ = try environment.reset(seed: seed)
        var random = RandomSource(seed: seed &+ 3)
        let actions = (0..<min(20, spec.maxEpisodeSteps - 1)).map { _ in randomAction(environment.actionSpace, &random) }
        guard let first = actions.first else { return "episodes are too short to check (skipped)" }
        guard try !environment.step(first).isDone else { return "the first step ended the episode (skipped)" }
        let saved = environment.snapshot()
        guard !saved.isEmpty else { return "not supported by this environment (skipped)" }
        func play() throws -> [StepResult] {
            var results: [StepResult] = []
            for action in actions.dropFirst() {
                results.append(try environment.step(action))
                if results.last!.isDone { break }
            }
            return results
        }
        let ahead = try play()
        try environment.restore(saved)
        try require(environment.snapshot() == saved, "the restored state differs from the snapshot")
        try require(try play() == ahead, "stepping after a restore did not repeat the original steps")
        return "restore(snapshot()) continues bit for bit"
    }
}
