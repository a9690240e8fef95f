import GaitCore

/// A 1-D walk: the state moves by the action each step; reward is minus the distance to 0.
/// `broken` switches on one contract violation for the checker to catch.
final class LineEnvironment: Environment {
    /// `keepsNoState` is allowed, not a flaw: the environment gives no snapshots.
    enum Flaw: Sendable { case none, unseededReset, nanObservation, outsideSpace, terminatesAndIgnoresLimit, blowsUp, keepsNoState }

    let observationSpace = Box(size: 1, range: -100...100)
    let actionSpace = Box.actions(1)
    let flaw: Flaw
    private(set) var position = 0.0
    private var random: RandomSource
    private var steps = 0
    private static let counter = Counter()

    init(seed: UInt64?, flaw: Flaw = .none) {
        self.flaw = flaw
        random = RandomSource(seed: seed ?? 7)
    }

    func reset(seed: UInt64?) -> (observation: [Float], info: Info) {
        if let seed { random = RandomSource(seed: seed) }
        position = random.uniform(-1...1) + (flaw == .unseededReset ? Double(Self.counter.next()) : 0)
        steps = 0
        return ([Float(position)], Info())
    }

    func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        position += Double(action[0])
        steps += 1
        var observation = [Float(position)]
        if flaw == .nanObservation, steps == 3 { observation = [.nan] }
        if flaw == .outsideSpace, steps == 3 { observation = [1000] }
        var info = Info(["distance": abs(position)])
        if flaw == .blowsUp, steps == 1 {
            info.messages["physics_error"] = "the state became non-finite"
            return StepResult(observation: [0], reward: 0, terminated: true, truncated: false, info: info)
        }
        let terminated = flaw == .terminatesAndIgnoresLimit ? false : abs(position) > 50
        return StepResult(observation: observation, reward: -abs(position), terminated: terminated, truncated: false, info: info)
    }

    func snapshot() -> EnvironmentSnapshot { flaw == .keepsNoState ? EnvironmentSnapshot() : EnvironmentSnapshot(["walk": [position, Double(steps)]]) }

    func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
        let values = try snapshot.values("walk", count: 2)
        position = values[0]
        steps = Int(values[1])
    }

    /// A process-wide counter (for the flaw that makes resets differ).
    final class Counter: @unchecked Sendable {
        private var value = 0
        func next() -> Int {
            value += 1
            return value
        }
    }
}

/// Plugins built from `LineEnvironment`.
enum LinePlugin: EnvironmentPlugin {
    static let name = "line"
    static var environments: [EnvironmentSpec] { [spec("line"), spec("line-long", limit: 500)] }

    static func spec(_ id: String, limit: Int = 20, flaw: LineEnvironment.Flaw = .none) -> EnvironmentSpec {
        EnvironmentSpec(id: id, summary: "a walk on a line", maxEpisodeSteps: limit, observationSize: 1, actionSize: 1) { seed, _ in
            LineEnvironment(seed: seed, flaw: flaw)
        }
    }
}

enum ClashingPlugin: EnvironmentPlugin {
    static let name = "clash"
    static var environments: [EnvironmentSpec] { [LinePlugin.spec("line")] }
}
