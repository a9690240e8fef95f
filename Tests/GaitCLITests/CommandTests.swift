import Foundation
import GaitCore
@testable import GaitCLI
@testable import GaitRuns
import Testing

/// The commands end to end, through the built binary.
@Suite struct CommandTests {
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    /// A short SAC run on pendulum into `name`.
    func train(_ name: String, seed: Int = 1, extra: [String] = []) throws -> GaitProcess {
        try GaitProcess.run(["train", "pendulum", "--agent", "sac", "--steps", "1200", "--seed", "\(seed)",
                             "--set", "learning_starts=200", "--set", "hidden_size=32", "--eval-every", "600",
                             "--eval-episodes", "2", "--out", name] + extra, in: folder)
    }

    @Test("a run that diverges without a non-finite number is warned of on stderr and in the progress lines")
    func divergenceWarning() throws {
        let result = try GaitProcess.run(["train", "lqr", "--agent", "ppo", "--steps", "6000", "--set", "learning_rate=0.1",
                                          "--eval-every", "2000", "--eval-episodes", "3", "--out", "diverging"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: step ") && result.stderr.contains("training may be diverging"), "\(result.stderr)")
        #expect(result.stdout.contains(" warning="), "\(result.stdout)")
    }

    @Test("gait train has a flag for every run setting, with the setting's default in its help")
    func everyRunSettingHasItsFlag() {
        let help = TrainCommand.helpMessage(columns: 1_000)
        for field in RunSettings.fields {
            let flag = "--" + field.name.replacingOccurrences(of: "_", with: "-")
            #expect(help.contains(flag) && help.contains(field.help), "\(flag): \(field.help)")
        }
    }

    @Test func envsListsEveryEnvironmentAsJSON() throws {
        let result = try GaitProcess.run(["envs", "--json"], in: folder)
        #expect(result.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count >= 8)
        for entry in entries {
            #expect(Set(entry.keys) == ["id", "version", "observation_dim", "action_dim", "max_episode_steps", "tags", "summary"])
        }
        let walker = try #require(entries.first { $0["id"] as? String == "walker-run" })
        #expect(walker["observation_dim"] as? Int == 24 && walker["action_dim"] as? Int == 6)
        let show = try GaitProcess.run(["envs", "show", "cheetah-run"], in: folder)
        #expect(show.status == 0 && show.stdout.contains("1000 steps") && show.stdout.contains("substeps"))
        #expect(show.stdout.contains("observation parts  position 0–7, velocity 8–16"))
        let humanoid = try GaitProcess.run(["envs", "show", "humanoid-stand"], in: folder)
        #expect(humanoid.stdout.contains("joint_angles 0–20, head_height 21, extremities 22–33"))
    }

    @Test func envsShowPrintsTheObservationPartsAsJSON() throws {
        let result = try GaitProcess.run(["envs", "show", "walker-run", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let details = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(details["id"] as? String == "walker-run" && details["observation_dim"] as? Int == 24)
        let parts = try #require(details["observation_parts"] as? [[String: Any]])
        #expect(parts.map { $0["name"] as? String } == ["orientations", "height", "velocity"])
        #expect(parts.map { $0["start"] as? Int } == [0, 14, 15] && parts.map { $0["size"] as? Int } == [14, 1, 9])
        // dm_control's walker: 10 physics steps of 2.5 ms per control step.
        #expect(abs((details["control_time_step"] as? Double ?? 0) - 0.025) < 1e-12)
    }

    @Test func checkPrintsEachCheck() throws {
        let result = try GaitProcess.run(["check", "hopper-hop"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("pass") }.count == 9)
        #expect(result.lastLine == "check: hopper-hop passed 9 checks")
    }

    @Test func trainWritesTheRunDirectoryAndEvalRepeatsItsResult() throws {
        let trained = try train("run")
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.lastLine.hasPrefix("eval: mean_return=") && trained.lastLine.hasSuffix("episodes=2"))
        let run = folder.appendingPathComponent("run")
        for file in ["config.json", "metrics.csv", "curve.svg", "replay.html", "checkpoints/1200.safetensors",
                     "checkpoints/training-state.safetensors", "episodes/final-000.gaitep"] {
            #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(file).path), "\(file) missing")
        }
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("config.json"))) as? [String: Any])
        let hyperparameters = try #require(config["hyperparameters"] as? [String: Double])
        #expect(hyperparameters["learning_starts"] == 200 && hyperparameters["q_lr"] == 0.001)
        #expect(config["environment"] as? String == "pendulum" && config["gait_version"] as? String == GaitVersion.current)
        let metrics = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(metrics.hasPrefix("step,wall_time,episode_return,episode_length,eval_return,eval_std,steps_per_second,critic_loss"))
        #expect(metrics.split(separator: "\n").count == 1 + 6 + 2 + 1)  // header, 6 episodes, 2 evaluations, 1 log interval

        let evaluated = try GaitProcess.run(["eval", "run"], in: folder)
        #expect(evaluated.status == 0)
        #expect(evaluated.lastLine == trained.lastLine)
        let fromFile = try GaitProcess.run(["eval", "run/checkpoints/1200.safetensors"], in: folder)
        #expect(fromFile.lastLine == trained.lastLine)
        // --stochastic adds the sampling policy's line on the same seeds; the deterministic line stays last and unchanged.
        let stochastic = try GaitProcess.run(["eval", "run", "--stochastic"], in: folder)
        let lines = stochastic.stdout.split(separator: "\n").map(String.init)
        #expect(stochastic.status == 0 && stochastic.lastLine == trained.lastLine)
        let sampled = try #require(lines.dropLast().last)
        #expect(sampled.hasPrefix("eval_stochastic: mean_return=") && sampled.hasSuffix("episodes=2"), "\(sampled)")
        #expect(sampled.dropFirst("eval_stochastic".count) != trained.lastLine.dropFirst("eval".count))
    }

    @Test func recordedEpisodesReplayBitExactAndDivergenceIsReported() throws {
        #expect(try train("run").status == 0)
        let recorded = try GaitProcess.run(["eval", "run", "--episodes", "3", "--seed", "7", "--record", "rec"], in: folder)
        #expect(recorded.status == 0 && recorded.lastLine.hasSuffix("episodes=3"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("rec").path)
        #expect(files.sorted() == ["episode-000.gaitep", "episode-001.gaitep", "episode-002.gaitep"])

        let replay = try GaitProcess.run(["replay", "rec/episode-001.gaitep", "--verify", "--html", "page.html"], in: folder)
        #expect(replay.status == 0)
        #expect(replay.lastLine == "replay: verified 200 steps, bit-exact")
        let page = try String(contentsOf: folder.appendingPathComponent("page.html"), encoding: .utf8)
        #expect(page.contains("<canvas") && page.contains("\"rewards\"") && !page.contains("src=\"http"))
        // The pendulum's pivot stays still, and it has no floor to draw.
        #expect(page.contains("\"fixed\":[0,0,1.2]") && !page.contains("\"kind\":\"plane\""))

        var episode = try Episode(contentsOf: folder.appendingPathComponent("rec/episode-001.gaitep"))
        episode.actions[5][0] = -episode.actions[5][0] + 0.5
        try episode.write(to: folder.appendingPathComponent("changed.gaitep"))
        let diverged = try GaitProcess.run(["replay", "changed.gaitep", "--verify"], in: folder)
        #expect(diverged.status != 0)
        #expect(diverged.lastLine.hasPrefix("replay: diverged at step 6"))
        // Drawn, it shows the 5 steps before the divergence and says so; diverging at once, it is refused.
        let partial = try GaitProcess.run(["replay", "changed.gaitep", "--html", "partial.html"], in: folder)
        #expect(partial.status == 0 && partial.stderr.contains("warning: it shows only the first 5 of 200 steps"), "\(partial.stderr)")
        episode.actions[0][0] = -episode.actions[0][0] + 0.5
        try episode.write(to: folder.appendingPathComponent("changed-at-once.gaitep"))
        for output in [["--html", "none.html"], ["--video", "none.gif"]] {
            let refused = try GaitProcess.run(["replay", "changed-at-once.gaitep"] + output, in: folder)
            #expect(refused.status != 0 && refused.stderr.contains("cannot be drawn: its re-simulation diverged at step 1"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(output[1]).path))
        }
    }

    @Test func configFilesAndSetApply() throws {
        let yaml = folder.appendingPathComponent("sac.yaml")
        try "steps: 300\nlearning_starts: 100\nbatch_size: 32\nhidden_size: 16\neval_episodes: 1\n".write(to: yaml, atomically: true, encoding: .utf8)
        let result = try GaitProcess.run(["train", "lqr", "--agent", "sac", "--config", yaml.path, "--set", "batch_size=48",
                                          "--out", "yaml-run"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("yaml-run/config.json"))) as? [String: Any])
        #expect(config["steps"] as? Int == 300 && config["eval_episodes"] as? Int == 1)
        let hyperparameters = try #require(config["hyperparameters"] as? [String: Double])
        #expect(hyperparameters["batch_size"] == 48 && hyperparameters["hidden_size"] == 16)
    }

    @Test func plotDrawsSeedsAsMeanAndBand() throws {
        #expect(try train("s1", seed: 1).status == 0)
        #expect(try train("s2", seed: 2).status == 0)
        let result = try GaitProcess.run(["plot", "s1", "s2", "--out", "both.svg"], in: folder)
        #expect(result.status == 0)
        let svg = try String(contentsOf: folder.appendingPathComponent("both.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("<polygon") && svg.contains("pendulum · sac (2 runs)"))
        // One panel per environment, a colour per agent whatever the order of the runs.
        let lqr = try GaitProcess.run(["train", "lqr", "--agent", "ppo", "--steps", "1024", "--set", "num_steps=512",
                                       "--eval-every", "512", "--eval-episodes", "2", "--out", "l1"], in: folder)
        #expect(lqr.status == 0, "\(lqr.stderr)")
        for (order, name) in [(["l1", "s1"], "a.svg"), (["s1", "l1"], "b.svg")] {
            #expect(try GaitProcess.run(["plot"] + order + ["--out", name], in: folder).status == 0)
        }
        let (a, b) = try (String(contentsOf: folder.appendingPathComponent("a.svg"), encoding: .utf8),
                          String(contentsOf: folder.appendingPathComponent("b.svg"), encoding: .utf8))
        for svg in [a, b] {
            #expect(svg.contains(">pendulum</text>") && svg.contains(">lqr</text>"))
            #expect(svg.contains("stroke=\"\(LearningCurvePlot.agentColours["sac"]!)\"") && svg.contains("stroke=\"\(LearningCurvePlot.agentColours["ppo"]!)\""))
        }
        // A folder of runs plots every run under it; a folder without runs says so.
        let parent = try GaitProcess.run(["plot", ".", "--out", "all.svg"], in: folder)
        let all = try String(contentsOf: folder.appendingPathComponent("all.svg"), encoding: .utf8)
        #expect(parent.status == 0 && all.contains("pendulum · sac (2 runs)") && all.contains(">lqr</text>"), "\(parent.stderr)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty/a"), withIntermediateDirectories: true)
        let empty = try GaitProcess.run(["plot", "empty"], in: folder)
        #expect(empty.status != 0 && empty.stderr.contains("no run lies"), "\(empty.stderr)")
        // Any column, smoothed, against time; an unknown column names the ones there are.
        let losses = try GaitProcess.run(["plot", "s1", "--metric", "critic_loss", "--smooth", "3", "--x", "time", "--out", "loss.svg"], in: folder)
        let lossSVG = try String(contentsOf: folder.appendingPathComponent("loss.svg"), encoding: .utf8)
        #expect(losses.status == 0 && lossSVG.contains("critic_loss (mean of 3)") && lossSVG.contains("training time (s)"))
        let unknown = try GaitProcess.run(["plot", "s1", "--metric", "nope"], in: folder)
        #expect(unknown.status != 0 && unknown.stderr.contains("critic_loss"))
    }

    @Test func logRowsWithoutAFreshUpdateLeaveLossesEmpty() throws {
        // PPO updates after each 2,048-step rollout; logs come every 1,000 steps.
        let result = try GaitProcess.run(["train", "pendulum", "--agent", "ppo", "--steps", "4096", "--eval-every", "4096",
                                          "--eval-episodes", "1", "--out", "ppo"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("ppo/metrics.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        let (stepColumn, rateColumn, lossColumn) = (header.firstIndex(of: "step")!, header.firstIndex(of: "steps_per_second")!,
                                                    try #require(header.firstIndex(of: "policy_loss")))
        let logs = lines.dropFirst().filter { !$0[rateColumn].isEmpty }
        #expect(logs.map { $0[stepColumn] } == ["1000", "2000", "3000", "4000"])
        #expect(logs.map { !$0[lossColumn].isEmpty } == [false, false, true, false])
    }

    @Test func agentsAreListedAndShownWithEveryHyperparameter() throws {
        let list = try GaitProcess.run(["agents"], in: folder)
        #expect(list.status == 0 && ["sac", "td3", "ddpg", "ppo", "a2c", "a3c", "reinforce"].allSatisfy { list.stdout.contains("\n\($0) ") })
        let table = try GaitProcess.run(["agents", "show", "sac"], in: folder)
        #expect(table.status == 0 && table.stdout.contains("learning_starts") && table.stdout.contains("a whole number from 0 to")
                && table.stdout.contains("critic_loss"), "\(table.stdout)")
        let shown = try GaitProcess.run(["agents", "show", "ppo", "--json"], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let hyperparameters = try #require(json["hyperparameters"] as? [[String: Any]])
        let clip = try #require(hyperparameters.first { $0["name"] as? String == "clip_coef" })
        #expect(clip["default"] as? Double == 0.2 && clip["max"] as? Double == 10 && clip["whole"] as? Bool == false)
        #expect((json["metrics"] as? [[String: Any]])?.count == 6)
        let unknown = try GaitProcess.run(["agents", "show", "dqn"], in: folder)
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown agent 'dqn'"))
        let refused = try GaitProcess.run(["train", "pendulum", "--agent", "ppo", "--set", "clip_coef=-1"], in: folder)
        #expect(refused.status != 0 && refused.stderr.contains("'clip_coef': it is -1; it must be from 0 to 10"), "\(refused.stderr)")
    }

    @Test func benchmarksPrintJSON() throws {
        let env = try GaitProcess.run(["bench", "env", "cheetah-run", "--steps", "2000", "--envs", "2", "--json"], in: folder)
        #expect(env.status == 0)
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(env.stdout.utf8)) as? [String: Any])
        #expect((measured["steps_per_second"] as? Double ?? 0) > 0 && measured["envs"] as? Int == 2)
        let agent = try GaitProcess.run(["bench", "agent", "ppo", "--env", "pendulum", "--steps", "2048", "--json"], in: folder)
        #expect(agent.status == 0)
        let learned = try #require(try JSONSerialization.jsonObject(with: Data(agent.stdout.utf8)) as? [String: Any])
        #expect((learned["steps_per_second"] as? Double ?? 0) > 0 && (learned["updates_per_second"] as? Double ?? 0) > 0)
        let variant = try GaitProcess.run(["bench", "agent", "sac", "--env", "pendulum", "--steps", "200", "--set", "layer_norm=1",
                                           "--set", "hidden_size=32", "--set", "updates_per_step=2", "--json"], in: folder)
        #expect(variant.status == 0, "\(variant.stderr)")
        let twice = try #require(try JSONSerialization.jsonObject(with: Data(variant.stdout.utf8)) as? [String: Any])
        let ratio = (twice["updates_per_second"] as? Double ?? 0) / (twice["steps_per_second"] as? Double ?? 1)
        #expect(abs(ratio - 2) < 1e-9, "two gradient updates per timed step, counted as such: \(ratio)")
        let badValue = try GaitProcess.run(["bench", "agent", "sac", "--env", "pendulum", "--set", "layer_norm=2"], in: folder)
        #expect(badValue.status != 0 && badValue.stderr.contains("'layer_norm': it is 2; it must be 0 or 1"), "\(badValue.stderr)")
        let setting = try GaitProcess.run(["bench", "agent", "sac", "--set", "steps=10"], in: folder)
        #expect(setting.status != 0 && setting.stderr.contains("--set takes hyperparameters here"), "\(setting.stderr)")
    }
}
