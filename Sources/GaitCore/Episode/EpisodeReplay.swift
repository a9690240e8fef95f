/// Re-simulates a recorded episode and compares it with the record.
public enum EpisodeReplay {
    /// What a replay found.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// Every step and snapshot matched bit for bit.
        case verified(steps: Int)
        /// The first step (0: the reset) at which the re-simulation differs, and what differed.
        case diverged(step: Int, what: String)

        public var description: String {
            switch self {
            case .verified(let steps): "verified \(steps) steps, bit-exact"
            case .diverged(let step, let what): "diverged at step \(step): \(what)"
            }
        }
    }

    /// Replays `episode` on an environment made from `registry`: reset with the recorded seed
    /// (or restore the initial snapshot), then the recorded actions. `observe` sees the
    /// environment after the reset and after every step that matched the record. A divergence
    /// names the simulation settings that differ from the recording's, if any (an environment
    /// file edited since, such as its `substeps` or `action_repeat`).
    public static func replay(_ episode: Episode, registry: EnvironmentRegistry,
                              observe: (any Environment) -> Void = { _ in }) throws -> Outcome {
        let spec = try registry.spec(episode.header.environmentID)
        guard spec.version == episode.header.environmentVersion else {
            throw EpisodeError.versionMismatch(id: spec.id, recorded: episode.header.environmentVersion, registered: spec.version)
        }
        let environment = try spec.make()
        let outcome = try compare(episode, on: environment, observe: observe)
        let recorded = episode.header.settings, current = environment.settings
        let changed = Set(recorded.keys).union(current.keys).sorted().filter { recorded[$0] != current[$0] }
        guard case .diverged(let step, let what) = outcome, !changed.isEmpty else { return outcome }
        let differences = changed.map { "\($0) \(recorded[$0] ?? "unset") when recorded, \(current[$0] ?? "unset") now" }
        return .diverged(step: step, what: "\(what) (the environment's settings differ from the recording's: \(differences.joined(separator: "; ")))")
    }

    /// Steps `environment` through `episode`'s actions and compares each result with the record.
    private static func compare(_ episode: Episode, on environment: any Environment,
                                observe: (any Environment) -> Void) throws -> Outcome {
        let snapshots = Dictionary(episode.snapshots.map { ($0.step, $0.state) }, uniquingKeysWith: { first, _ in first })
        let reset = try environment.reset(seed: episode.header.seed)
        if episode.header.seed == nil, let initial = snapshots[0] { try environment.restore(initial) }
        if let initial = snapshots[0], !holds(initial, environment) {
            return .diverged(step: 0, what: "the state after reset differs from the initial snapshot")
        }
        if episode.header.seed != nil, reset.observation != episode.initialObservation {
            return .diverged(step: 0, what: "the observation after reset differs")
        }
        observe(environment)
        for index in 0..<episode.count {
            let result: StepResult
            do {
                result = try environment.step(episode.actions[index])
            } catch {
                return .diverged(step: index + 1, what: "the step failed: \(error)")
            }
            let step = index + 1
            if result.observation != episode.observations[index] { return .diverged(step: step, what: "observation differs") }
            if result.reward.bitPattern != episode.rewards[index].bitPattern {
                return .diverged(step: step, what: "reward \(result.reward) differs from the recorded \(episode.rewards[index])")
            }
            if result.terminated != episode.terminated[index] || result.truncated != episode.truncated[index] {
                return .diverged(step: step, what: "terminated/truncated differ")
            }
            if let expected = snapshots[step], !holds(expected, environment) {
                return .diverged(step: step, what: "the simulation state differs from the snapshot")
            }
            observe(environment)
        }
        return .verified(steps: episode.count)
    }

    /// Whether `environment` is in the state `recorded`: the same snapshot, or one an earlier
    /// Gait took of the same state without something this one adds (the hinges' whole turns, the
    /// order wrapper's part), which, restored, reads back as the live snapshot in the parts it
    /// has. An environment that keeps no state has nothing to compare. The environment is left in
    /// the recorded state.
    private static func holds(_ recorded: EnvironmentSnapshot, _ environment: any Environment) -> Bool {
        let live = environment.snapshot()
        guard live != recorded && !live.isEmpty else { return true }
        guard (try? environment.restore(recorded)) != nil else { return false }
        let names = Set(recorded.parts.map(\.name))
        return environment.snapshot().parts.filter { names.contains($0.name) } == live.parts.filter { names.contains($0.name) }
    }
}
