import Foundation
import Testing
@testable import GaitCore

@Suite("Random source, spaces and info")
struct BasicsTests {
    @Test("the same seed gives the same sequence; different seeds differ; uniform stays in range")
    func randomSource() {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42), c = RandomSource(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
        var random = RandomSource(seed: 1)
        let samples = (0..<10_000).map { _ in random.uniform(-2...3) }
        #expect(samples.allSatisfy { (-2...3).contains($0) })
        #expect(abs(samples.reduce(0, +) / 10_000 - 0.5) < 0.05)
        let normals = (0..<10_000).map { _ in random.normal() }
        let mean = normals.reduce(0, +) / 10_000
        #expect(abs(mean) < 0.05)
        #expect(abs(normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10_000 - 1) < 0.05)
    }

    @Test("a generator's state survives a JSON round trip")
    func randomSourceCodable() throws {
        var random = RandomSource(seed: 9)
        _ = random.next()
        var copy = try JSONDecoder().decode(RandomSource.self, from: JSONEncoder().encode(random))
        #expect(copy.next() == random.next())
    }

    @Test("a box contains what is inside its bounds, with the right size, and not NaN")
    func box() {
        let box = Box.actions(2)
        #expect(box.contains([0, 1]))
        #expect(!box.contains([0, 1.5]))
        #expect(!box.contains([0]))
        #expect(!box.contains([.nan, 0]))
        #expect(Box.unbounded(3).contains([1e30, -1e30, 0]))
    }

    @Test("info keeps insertion order, updates in place and removes")
    func info() {
        var info = Info(["b": 1, "a": 2])
        info["b"] = 3
        info["c"] = 4
        #expect(info.keys == ["b", "a", "c"])
        #expect(info.values == [3, 2, 4])
        info["a"] = nil
        #expect(info["a"] == nil)
        #expect(info.keys == ["b", "c"])
        var other = Info(["x": 5])
        other.messages["physics_error"] = "blew up"
        info.replaceEntries(with: other)
        #expect(info == other)
    }
}

@Suite("Registry")
struct RegistryTests {
    @Test("ids from an explicit plugin list; an unknown id suggests the closest ones")
    func lookup() throws {
        let registry = try EnvironmentRegistry(plugins: [LinePlugin.self])
        #expect(registry.ids == ["line", "line-long"])
        #expect(registry.providers["line-long"] == "line")
        #expect(throws: RegistryError.unknownEnvironment(id: "lien", suggestions: ["line"])) {
            try registry.spec("lien")
        }
        #expect(throws: RegistryError.unknownEnvironment(id: "zzzzzzzzzz", suggestions: [])) {
            try registry.spec("zzzzzzzzzz")
        }
        let error = RegistryError.unknownEnvironment(id: "lien", suggestions: ["line"])
        #expect(error.description == "unknown environment 'lien'; did you mean 'line'?")
    }

    @Test("a duplicate id fails when the registry is built, naming both plugins")
    func duplicate() {
        #expect(throws: RegistryError.duplicateEnvironment(id: "line", plugins: ["line", "clash"])) {
            try EnvironmentRegistry(plugins: [LinePlugin.self, ClashingPlugin.self])
        }
    }
}

@Suite("Wrappers: call order, action checks and the time limit")
struct WrapperTests {
    let spec = LinePlugin.spec("line", limit: 5)

    @Test("stepping before reset or after the episode ended throws")
    func order() throws {
        let environment = try spec.make(seed: 1)
        #expect(throws: EnvironmentError.notReset) { try environment.step([0]) }
        _ = try environment.reset(seed: 1)
        for _ in 0..<5 { _ = try environment.step([0]) }
        #expect(throws: EnvironmentError.episodeFinished) { try environment.step([0]) }
        _ = try environment.reset(seed: nil)
        #expect(throws: Never.self) { try environment.step([0]) }
    }

    @Test("a snapshot keeps whether the episode had ended: restored, an ended one refuses to step")
    func orderInSnapshots() throws {
        let environment = try spec.make(seed: 1)
        let fresh = environment.snapshot()
        _ = try environment.reset(seed: 1)
        for _ in 0..<5 { _ = try environment.step([0]) }
        let ended = environment.snapshot()
        _ = try environment.reset(seed: 1)
        let started = environment.snapshot()
        try environment.restore(ended)
        #expect(throws: EnvironmentError.episodeFinished) { try environment.step([0]) }
        try environment.restore(fresh)
        #expect(throws: EnvironmentError.notReset) { try environment.step([0]) }
        try environment.restore(started)
        #expect(throws: Never.self) { try environment.step([0]) }
        // A snapshot from before the phase was saved continues an episode, as it always did.
        try environment.restore(ended)
        try environment.restore(started.removing("order_enforcing.phase"))
        #expect(throws: Never.self) { try environment.step([0]) }
        #expect(throws: EnvironmentError.self) { try environment.restore(started.removing("order_enforcing.phase").adding("order_enforcing.phase", [3])) }
    }

    @Test("an environment that keeps no state gives an empty snapshot through the wrappers, which the checker skips")
    func noSnapshots() throws {
        let spec = LinePlugin.spec("stateless", limit: 5, flaw: .keepsNoState)
        let environment = try spec.make(seed: 1)
        _ = try environment.reset(seed: 1)
        #expect(environment.snapshot().isEmpty)
        let report = EnvironmentChecker(steps: 50).check(spec)
        #expect(report.passed, "\(report)")
        #expect(report.checks.contains { $0.detail.contains("not supported by this environment") }, "\(report)")
    }

    @Test("the time limit truncates at the limit and never terminates")
    func timeLimit() throws {
        let environment = try spec.make(seed: 1)
        _ = try environment.reset(seed: 1)
        var results: [StepResult] = []
        for _ in 0..<5 { results.append(try environment.step([0.1])) }
        #expect(results.map(\.truncated) == [false, false, false, false, true])
        #expect(results.allSatisfy { !$0.terminated })
    }

    @Test("NaN and wrongly sized actions throw; out-of-range actions are clipped and counted")
    func actions() throws {
        let environment = try spec.make(seed: 1)
        let start = try environment.reset(seed: 1).observation[0]
        #expect(throws: EnvironmentError.nonFiniteAction(index: 0)) { try environment.step([.nan]) }
        #expect(throws: EnvironmentError.nonFiniteAction(index: 0)) { try environment.step([.infinity]) }
        #expect(throws: EnvironmentError.wrongActionSize(expected: 1, got: 2)) { try environment.step([0, 0]) }
        let result = try environment.step([5])
        #expect(result.info["clipped_actions"] == 1)
        #expect(result.info.keys == ["distance", "clipped_actions"])
        #expect(abs(result.observation[0] - (start + 1)) < 1e-6)
        #expect(try environment.step([0.5]).info["clipped_actions"] == 0)
    }
}

@Suite("Environment checker")
struct CheckerTests {
    @Test("a sound environment passes every check")
    func sound() {
        let report = EnvironmentChecker(steps: 50).check(LinePlugin.spec("line"))
        #expect(report.passed, "\(report)")
        #expect(report.checks.count == 9)
    }

    @Test("each contract violation is reported by its check", arguments: [
        (LineEnvironment.Flaw.unseededReset, "seeded reset"),
        (.nanObservation, "observations and rewards"),
        (.outsideSpace, "observations and rewards"),
        (.blowsUp, "stable physics"),
    ])
    func flawed(flaw: LineEnvironment.Flaw, failing: String) {
        let report = EnvironmentChecker(steps: 50).check(LinePlugin.spec("line", flaw: flaw))
        #expect(!report.passed)
        #expect(report.checks.first { $0.name == failing }?.passed == false, "\(report)")
    }

    @Test("a spec whose sizes disagree with the environment fails the space check")
    func wrongSpec() {
        let spec = EnvironmentSpec(id: "liar", summary: "", maxEpisodeSteps: 10, observationSize: 3, actionSize: 1) { seed, _ in
            LineEnvironment(seed: seed)
        }
        let report = EnvironmentChecker(steps: 10).check(spec)
        #expect(report.checks.first { $0.name == "spaces" }?.passed == false)
    }
}
