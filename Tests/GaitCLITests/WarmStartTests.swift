import Foundation
import GaitNN
import Testing

/// `gait train --warm-start`: a new run that begins with another run's agent, on an environment
/// laid out alike; anything else is refused before a run directory exists.
@Suite struct WarmStartTests {
    let folder: URL

    /// A short SAC run on pendulum to start from, in `source/` (checkpoints at 1000 and 1500).
    init() throws {
        folder = try temporaryFolder()
        let source = try gait(["train", "pendulum", "--agent", "sac", "--steps", "1500", "--set", "learning_starts=300", "--set", "hidden_size=16",
                               "--checkpoint-every", "1000", "--eval-episodes", "1", "--out", "source"])
        #expect(source.status == 0, "\(source.stderr)")
    }

    func gait(_ arguments: [String]) throws -> GaitProcess { try GaitProcess.run(arguments, in: folder) }

    /// Trains pendulum for 1200 steps into `out`, learning after 1000, with a checkpoint at 500 (before any update).
    func train(_ out: String, _ extra: [String]) throws -> GaitProcess {
        try gait(["train", "pendulum", "--steps", "1200", "--set", "learning_starts=1000", "--checkpoint-every", "500", "--eval-every", "100000",
                  "--eval-episodes", "1", "--out", out] + extra)
    }

    /// The deterministic policy's evaluation line of a checkpoint, on fixed seeds.
    func evaluation(_ checkpoint: String) throws -> String {
        let run = try gait(["eval", checkpoint, "--episodes", "2", "--seed", "7"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.lastLine
    }

    @Test func aWarmStartedRunBeginsWithTheCheckpointsPolicy() throws {
        let warm = try train("warm", ["--warm-start", "source"])
        #expect(warm.status == 0, "\(warm.stderr)")
        #expect(warm.stdout.contains("warm start: \(folder.appendingPathComponent("source/checkpoints/1500.safetensors").standardizedFileURL.path)"))
        let scratch = try train("scratch", ["--agent", "sac", "--set", "hidden_size=16"])
        #expect(scratch.status == 0, "\(scratch.stderr)")

        // Before its first update the warm-started agent plays exactly the source's policy; a new one does not.
        let sourcePolicy = try evaluation("source")
        #expect(try evaluation("warm/checkpoints/500.safetensors") == sourcePolicy)
        #expect(try evaluation("scratch/checkpoints/500.safetensors") != sourcePolicy)

        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("warm/config.json"))) as? [String: Any]
        #expect((config?["warm_start"] as? String)?.hasSuffix("source/checkpoints/1500.safetensors") == true)
        #expect((config?["hyperparameters"] as? [String: Any])?["hidden_size"] as? Int == 16, "the checkpoint's hyperparameters are the new run's")
        #expect((config?["hyperparameters"] as? [String: Any])?["learning_starts"] as? Int == 1000, "--set wins over the checkpoint's")
    }

    @Test func anOnPolicyAgentLearnsFromTheNewRunsFirstRollout() throws {
        // Its update counters are the new run's, so a warm start shorter than its source still learns.
        let source = try gait(["train", "pendulum", "--agent", "ppo", "--steps", "4096", "--set", "num_steps=1024", "--eval-episodes", "1", "--out", "ppo"])
        #expect(source.status == 0, "\(source.stderr)")
        let warm = try gait(["train", "pendulum", "--warm-start", "ppo", "--steps", "2048", "--eval-episodes", "1", "--out", "ppo-warm"])
        #expect(warm.status == 0, "\(warm.stderr)")
        #expect(try evaluation("ppo-warm") != evaluation("ppo"))
        let withBuffer = try gait(["train", "pendulum", "--warm-start", "ppo", "--warm-start-buffer", "--out", "refused"])
        #expect(withBuffer.status != 0 && withBuffer.stderr.contains("ppo learns from its own rollouts, not from a replay buffer"), "\(withBuffer.stderr)")
    }

    @Test func aWarmStartCanBeginWithTheSourcesExperienceBuffer() throws {
        let warm = try train("warm-buffer", ["--warm-start", "source", "--warm-start-buffer"])
        #expect(warm.status == 0, "\(warm.stderr)")
        let source = try Safetensors(contentsOf: folder.appendingPathComponent("source/checkpoints/training-state.safetensors"))
        let state = try Safetensors(contentsOf: folder.appendingPathComponent("warm-buffer/checkpoints/training-state.safetensors"))
        // The source's 1,500 transitions come first, as stored, and the new run's 1,200 follow.
        #expect(try StateDictionary(state).int("buffer.added") == 2700)
        let (kept, carried) = (try #require(source.tensors["buffer.observations"]), try #require(state.tensors["buffer.observations"]))
        #expect(Array(carried.values.prefix(kept.values.count)) == kept.values)
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("warm-buffer/config.json"))) as? [String: Any]
        #expect(config?["warm_start_buffer"] as? Bool == true)
    }

    @Test("what a warm start refuses, before any run directory exists", arguments: [
        (["cheetah-run", "--warm-start", "source"], "cheetah-run has 17 observations"),
        (["pendulum", "--warm-start", "source", "--set", "hidden_size=32"], "keep the settings that shape the agent's state as they were"),
        (["pendulum", "--agent", "ppo", "--warm-start", "source"], "holds a sac agent, not ppo"),
        (["pendulum", "--warm-start", "missing"], "missing: no such run directory or checkpoint file"),
        (["--resume", "source", "--warm-start", "source"], "give one of them"),
        (["pendulum", "--agent", "sac", "--warm-start-buffer"], "give --warm-start too"),
        (["pendulum", "--warm-start", "source", "--warm-start-buffer", "--set", "buffer_size=1000"],
         "keeps 1500 of the 1500 transitions it collected, and this run's would keep 1000; keep its size (buffer_size) as it was"),
        (["pendulum", "--warm-start", "source/checkpoints/1000.safetensors", "--warm-start-buffer"], "latest checkpoint only (step 1500), not with step 1000"),
    ])
    func refusals(arguments: [String], message: String) throws {
        let run = try gait(["train"] + arguments + ["--out", "refused"])
        #expect(run.status != 0 && run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("refused").path))
    }
}
