import Foundation
import Testing
import GaitCore
import GaitPhysics
@testable import GaitEnvs

@Suite("Vector environments")
struct VectorTests {
    @Test("copies auto-reset, keep the final observation, and match single runs, whatever their grouping onto threads",
          arguments: [(5, 1), (5, 2), (5, 3), (5, 8), (3, 3)])
    func autoReset(copies: Int, threads: Int) throws {
        let spec = try registry.spec("pendulum")
        let vector = try VectorEnvironment(spec: spec, count: copies, threads: threads)
        let starts = try vector.reset(seed: 10)
        var steps: [[VectorStep]] = []
        for index in 0..<250 {
            steps.append(try vector.step((0..<copies).map { copy in [Float(sin(Double(index + copy)))] }))
        }
        for copy in 0..<copies {
            let single = try spec.make()
            #expect(try single.reset(seed: 10 + UInt64(copy)).observation == starts[copy].observation)
            var expected: [StepResult] = []
            for index in 0..<200 { expected.append(try single.step([Float(sin(Double(index + copy)))])) }
            let firstEpisode = steps.prefix(200).map { $0[copy] }
            #expect(firstEpisode.prefix(199).map(\.result) == Array(expected.prefix(199)))
            let last = firstEpisode[199]
            #expect(last.result.truncated && last.final?.observation == expected[199].observation)
            #expect(last.final?.info == expected[199].info)
            let next = try single.reset(seed: nil).observation
            #expect(last.result.observation == next, "auto-reset started the next episode")
            #expect(steps[200][copy].final == nil)
        }
    }

    @Test("a refused action steps no copy: the whole batch is checked first, whatever the grouping",
          arguments: [1, 2, 3])
    func refusedBatch(threads: Int) throws {
        let vector = try VectorEnvironment(spec: try registry.spec("walker-walk"), count: 3, threads: threads)
        _ = try vector.reset(seed: 1)
        let before = vector.snapshots()
        let good = [Float](repeating: 0.5, count: 6)
        var nonFinite = good
        nonFinite[2] = .infinity
        for (copy, bad) in [(2, nonFinite), (1, [Float](repeating: 0, count: 5)), (0, nonFinite)] {
            var actions = [good, good, good]
            actions[copy] = bad
            #expect(throws: EnvironmentError.inCopy(copy, bad.count == 6 ? .nonFiniteAction(index: 2) : .wrongActionSize(expected: 6, got: 5))) {
                try vector.step(actions)
            }
            #expect(vector.snapshots() == before, "no copy moved")
        }
        #expect(try vector.step([good, good, good]).count == 3)
        #expect(vector.snapshots() != before)
    }

    @Test("with next-step autoreset, a vector restored between an episode's end and its reset resets that copy next")
    func nextStepRestoreAtAnEpisodeEnd() throws {
        let spec = try registry.spec("pendulum")
        let vector = try VectorEnvironment(spec: spec, count: 2, threads: 1, autoreset: .nextStep)
        _ = try vector.reset(seed: 4)
        let actions = [[Float(0.3)], [Float(-0.3)]]
        for _ in 0..<199 { _ = try vector.step(actions) }
        let ending = try vector.step(actions)
        #expect(ending.allSatisfy { $0.result.truncated })
        let saved = vector.snapshots()
        let expected = try vector.step(actions)
        #expect(expected.allSatisfy { !$0.result.isDone && $0.result.reward == 0 }, "the step after the end is a reset")

        let restored = try VectorEnvironment(spec: spec, count: 2, threads: 1, autoreset: .nextStep)
        _ = try restored.reset(seed: 99)
        try restored.restore(saved)
        #expect(try restored.step(actions).map(\.result) == expected.map(\.result))
        var damaged = saved
        damaged[1] = damaged[1].removing("vector.ended").adding("vector.ended", [0.5])
        #expect(throws: EnvironmentError.self) { try restored.restore(damaged) }

        let sameStep = try VectorEnvironment(spec: spec, count: 2, threads: 1)
        _ = try sameStep.reset(seed: 4)
        #expect(throws: EnvironmentError.self, "a same-step vector is never between an episode's end and its reset") {
            try sameStep.restore(saved)
        }
        try restored.restore(sameStep.snapshots())
        #expect(try restored.step(actions).allSatisfy { $0.result.reward != 0 }, "a same-step snapshot resets no copy next")
    }
}

@Suite("Episode files")
struct EpisodeTests {
    private func record(_ id: String, seed: UInt64, interval: Int = 100) throws -> Episode {
        let spec = try registry.spec(id)
        var recorded: Episode?
        let environment = EpisodeRecorder(try spec.make(), spec: spec, snapshotInterval: interval) { recorded = $0 }
        _ = try environment.reset(seed: seed)
        var random = RandomSource(seed: seed)
        var done = false
        while !done {
            let action = (0..<spec.actionSize).map { _ in Float(random.uniform(-1.1...1.1)) }
            done = try environment.step(action).isDone
        }
        return try #require(recorded)
    }

    @Test("an episode round-trips through its file bit for bit", arguments: ["pendulum", "walker-walk"])
    func roundTrip(id: String) throws {
        let episode = try record(id, seed: 3)
        #expect(episode.count == (id == "pendulum" ? 200 : 1000))
        #expect(episode.snapshots.map(\.step) == Array(stride(from: 0, through: episode.count, by: 100)))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gait-\(UUID()).episode")
        defer { try? FileManager.default.removeItem(at: url) }
        try episode.write(to: url)
        let read = try Episode(contentsOf: url)
        #expect(read == episode)
        #expect(read.rewards.map(\.bitPattern) == episode.rewards.map(\.bitPattern))
        #expect(read.header.settings["engine"] == (id == "pendulum" ? nil : "ODE 0.16, dWorldStep (Dantzig LCP)"))
    }

    @Test("replay re-simulates and verifies bit for bit", arguments: ["lqr", "cheetah-run", "hopper-hop"])
    func replayVerifies(id: String) throws {
        let episode = try record(id, seed: 8, interval: 37)
        #expect(try EpisodeReplay.replay(episode, registry: registry) == .verified(steps: episode.count))
    }

    @Test("replay reports the first step at which a tampered episode diverges")
    func replayDiverges() throws {
        var episode = try record("walker-stand", seed: 2)
        episode.actions[41][2] += 0.25
        #expect(try EpisodeReplay.replay(episode, registry: registry) == .diverged(step: 42, what: "observation differs"))
        var reseeded = try record("pendulum", seed: 2)
        reseeded.header.seed = 99
        guard case .diverged(step: 0, _) = try EpisodeReplay.replay(reseeded, registry: registry) else {
            Issue.record("a different seed should diverge at the reset")
            return
        }
    }

    /// Snapshots recorded before the hinges' whole turns were kept (walker-stand version 2 before
    /// 52c50df) hold one value fewer for the walker's free-turning root hinge; those recorded
    /// before the order wrapper's phase was kept lack that part (the last one was taken after the
    /// episode ended).
    @Test("an episode recorded before snapshots kept the hinges' whole turns and the episode's phase still verifies; an altered one does not")
    func replayReadsSnapshotsWithoutTurns() throws {
        var episode = try record("walker-stand", seed: 5)
        func asRecordedBefore(_ snapshot: EnvironmentSnapshot) -> EnvironmentSnapshot {
            EnvironmentSnapshot(parts: snapshot.removing("order_enforcing.phase").parts.map {
                $0.name == "simulation.bodies" ? .init(name: $0.name, values: $0.values.dropLast()) : $0
            })
        }
        for index in episode.snapshots.indices { episode.snapshots[index].state = asRecordedBefore(episode.snapshots[index].state) }
        #expect(try EpisodeReplay.replay(episode, registry: registry) == .verified(steps: episode.count))
        var bodies = episode.snapshots[3].state.parts.first { $0.name == "simulation.bodies" }!.values
        bodies[0] += 1e-9
        episode.snapshots[3].state = EnvironmentSnapshot(parts: episode.snapshots[3].state.parts.map {
            $0.name == "simulation.bodies" ? .init(name: $0.name, values: bodies) : $0
        })
        #expect(try EpisodeReplay.replay(episode, registry: registry)
                == .diverged(step: 300, what: "the simulation state differs from the snapshot"))
    }

    @Test("truncated and corrupted files give clear errors")
    func damagedFiles() throws {
        let data = try record("lqr", seed: 1).encoded()
        #expect(throws: EpisodeError.truncated(path: "x")) { try Episode(decoding: data.prefix(data.count - 100), path: "x") }
        #expect(throws: EpisodeError.truncated(path: "x")) { try Episode(decoding: data.prefix(5), path: "x") }
        var flipped = data
        flipped[data.count / 2] ^= 0x10
        #expect(throws: EpisodeError.corrupted(path: "x")) { try Episode(decoding: flipped, path: "x") }
        #expect(throws: EpisodeError.notAnEpisode(path: "x")) { try Episode(decoding: Data("hello, world".utf8), path: "x") }
        let missing = URL(fileURLWithPath: "/nonexistent/gait.episode")
        #expect(throws: EpisodeError.self) { try Episode(contentsOf: missing) }
        let error = EpisodeError.corrupted(path: "run/ep.episode")
        #expect(error.description == "run/ep.episode is corrupted (checksum mismatch); record the episode again")
    }

    @Test("sizes in a header are checked against limits and the file's length before anything is allocated")
    func hostileHeaderSizes() throws {
        var episode = try record("lqr", seed: 1)
        for size in [1_000_000_000_000, Int.max / 2, -3] {
            episode.header.observationSize = size
            let data = episode.encoded()
            #expect(throws: EpisodeError.self) { try Episode(decoding: data, path: "x") }
        }
        episode = try record("lqr", seed: 1)
        var data = [UInt8](episode.encoded())
        // The step count follows the magic, version, header length and header.
        let headerLength = Int(data[12]) | Int(data[13]) << 8 | Int(data[14]) << 16 | Int(data[15]) << 24
        let stepsOffset = 16 + headerLength
        data.replaceSubrange(stepsOffset..<stepsOffset + 4, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: EpisodeError.truncated(path: "x")) { try Episode(decoding: Data(data), path: "x") }
    }
}
