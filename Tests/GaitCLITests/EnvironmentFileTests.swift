import Foundation
import Testing

/// Registering an environment from a file: `gait envs add`, then every command sees it, and
/// `gait envs remove` undoes it. Mistakes are reported, naming the field, before anything is
/// registered.
@Suite struct EnvironmentFileTests {
    let folder: URL
    let variables: [String: String]

    init() throws {
        folder = try temporaryFolder()
        variables = ["GAIT_ENV_PATH": folder.appendingPathComponent("registered").path]
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets/robots/hopper.xml")
        try FileManager.default.copyItem(at: model, to: folder.appendingPathComponent("my-hopper.xml"))
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func gait(_ arguments: [String]) throws -> GaitProcess { try GaitProcess.run(arguments, in: folder, variables: variables) }

    @Test func addedEnvironmentWorksEverywhereUntilRemoved() throws {
        try write("slow-hop.yaml", """
            id: slow-hop
            summary: 'The hopper hops forward *slowly*, paying for effort'  # comments, *too*, are text
            model: my-hopper.xml
            task: hop
            torso: torso
            foot: foot
            touch: [touch_toe, touch_heel]
            target_speed: 0.5
            control_cost: 0.01
            episode_steps: 300
            substeps: 4
            action_repeat: 2
            """)
        let added = try gait(["envs", "add", "slow-hop.yaml"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("added slow-hop: 15 observations, 4 actions, 300-step episodes"))
        // The registration keeps its own copy of the model.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("my-hopper.xml"))

        let listed = try gait(["envs", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first { $0["id"] as? String == "slow-hop" })
        #expect(entry["max_episode_steps"] as? Int == 300 && (entry["tags"] as? [String])?.contains("hop") == true)
        #expect(entry["summary"] as? String == "The hopper hops forward *slowly*, paying for effort")
        #expect(try gait(["check", "slow-hop"]).lastLine == "check: slow-hop passed 9 checks")
        let trained = try gait(["train", "slow-hop", "--agent", "ppo", "--steps", "1024", "--set", "num_steps=512",
                                "--eval-episodes", "1", "--out", "run"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.lastLine.hasPrefix("eval: mean_return="))
        #expect(try gait(["eval", "run", "--episodes", "1", "--record", "rec"]).status == 0)
        // The policy on another environment laid out alike (the built-in hopper-hop's 1000-step episodes), not on one laid out otherwise.
        let elsewhere = try gait(["eval", "run", "--episodes", "1", "--env", "hopper-hop", "--record", "hop"])
        #expect(elsewhere.status == 0 && elsewhere.stdout.contains("on hopper-hop after 1024 steps (trained on slow-hop)"), "\(elsewhere.stderr)")
        #expect(try gait(["replay", "hop/episode-000.gaitep", "--verify"]).lastLine == "replay: verified 1000 steps, bit-exact")
        let mismatched = try gait(["eval", "run", "--env", "pendulum"])
        #expect(mismatched.status != 0 && mismatched.stderr.contains("but the agent learned on slow-hop with 15 observations"), "\(mismatched.stderr)")
        let replay = try gait(["replay", "rec/episode-000.gaitep", "--verify", "--html", "page.html"])
        #expect(replay.lastLine == "replay: verified 300 steps, bit-exact", "\(replay.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("page.html"), encoding: .utf8)
        #expect(page.contains("\"dt\":0.04") || page.contains("\"dt\": 0.04"), "an agent's step lasts 2 control steps of 4 × 0.005 s")
        // The file edited and registered again: the replay diverges and says which setting changed.
        let edited = try String(contentsOf: folder.appendingPathComponent("slow-hop.yaml"), encoding: .utf8)
        try write("slow-hop.yaml", edited.replacingOccurrences(of: "action_repeat: 2", with: "action_repeat: 1"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("registered/slow-hop.model/my-hopper.xml"),
                                         to: folder.appendingPathComponent("my-hopper.xml"))
        #expect(try gait(["envs", "remove", "slow-hop"]).status == 0 && gait(["envs", "add", "slow-hop.yaml"]).status == 0)
        let diverged = try gait(["replay", "rec/episode-000.gaitep", "--verify"])
        #expect(diverged.status != 0 && diverged.lastLine.contains("action_repeat 2 when recorded, unset now"), "\(diverged.lastLine)")

        let again = try gait(["envs", "add", "slow-hop.yaml"])
        #expect(again.status != 0)

        let removed = try gait(["envs", "remove", "slow-hop"])
        #expect(removed.status == 0)
        let unknown = try gait(["check", "slow-hop"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown environment 'slow-hop'"))
    }

    @Test func registrationKeepsACopyOfAHeightFieldFile() throws {
        let hopper = try String(contentsOf: folder.appendingPathComponent("my-hopper.xml"), encoding: .utf8)
        try write("bumpy-hopper.xml", hopper
            .replacingOccurrences(of: "<worldbody>", with: """
                <asset><hfield name="bumps" file="terrain/bumps.bin" size="2 1 0.05 0.1"/></asset>
                <worldbody><geom type="hfield" hfield="bumps" pos="3 0 0"/>
                """))
        let terrain = folder.appendingPathComponent("terrain")
        try FileManager.default.createDirectory(at: terrain, withIntermediateDirectories: true)
        let header: [UInt32] = [3, 4], heights: [Float] = [0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1]
        let words = header + heights.map(\.bitPattern)
        try Data(words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } })
            .write(to: terrain.appendingPathComponent("bumps.bin"))
        try write("bumpy-hop.yaml", "id: bumpy-hop\nmodel: bumpy-hopper.xml\ntask: hop\ntorso: torso\nfoot: foot\n")
        let added = try gait(["envs", "add", "bumpy-hop.yaml"])
        #expect(added.status == 0, "\(added.stderr)")
        try FileManager.default.removeItem(at: terrain)
        #expect(try gait(["check", "bumpy-hop"]).lastLine == "check: bumpy-hop passed 9 checks")
    }

    @Test(arguments: [
        ("id: a\nmodel: walker\ntask: fly\n", "field 'task'"),
        ("id: a\nmodel: walker\ntask: walk\ntorso: chest\n", "field 'torso'"),
        ("id: a\nmodel: nowhere.xml\ntask: walk\n", "field 'model'"),
        ("id: a\nmodel: broken.xml\ntask: walk\n", "broken.xml:2"),
        ("id: a\nmodel: walker\ntask: walk\nspeed: 3\n", "unknown field 'speed'"),
        ("id: a\nmodel: cheetah\ntask: run\ntarget_height: 1\n", "field 'target_height'"),
        ("id: a\nmodel: walker\ntask: walk\ntarget_speed: fast\n", "field 'target_speed'"),
        ("id: A B\nmodel: walker\ntask: walk\n", "field 'id'"),
        ("model: walker\ntask: walk\n", "field 'id' is required"),
        ("id: walker-run\nmodel: walker\ntask: walk\n", "already registered"),
        ("id: a\nmodel: hopper\ntask: stand\n", "field 'task': the built-in hopper's environments use the task family hop;"),
        ("id: a\nmodel: hopper\ntask: hop\ntouch: [toe, ankle]\n", "field 'touch': task 'hop' needs a touch sensor or geom named 'toe'"),
        ("id: a\nmodel: walker\ntask: stand\ntorso: world\n", "field 'torso': task 'stand' needs a body that moves"),
        ("id: a\nmodel: humanoid\ntask: getup\ntorso: chest\n", "field 'torso': task 'getup' needs a body named 'chest'"),
        ("id: a½\nmodel: walker\ntask: walk\n", "field 'id'"),
        ("id: a٣\nmodel: walker\ntask: walk\n", "field 'id'"),
        ("id: a\nmodel: humanoid\ntask: humanoid\nhead: skull\n", "field 'head'"),
        ("id: a\nmodel: quadruped\ntask: quadruped\ntouch: [paw]\n", "field 'touch'"),
        ("id: a\nmodel: ball-leg.xml\ntask: stand\n", "only hinges and slides"),
    ])
    func mistakesAreReportedBeforeRegistering(text: String, phrase: String) throws {
        try write("broken.xml", "<mujoco>\n  <worldbody><body><geom type=\"blob\"/></body></worldbody>\n</mujoco>\n")
        // A planar root with a ball joint below it: planar tasks read only hinges and slides.
        try write("ball-leg.xml", """
            <mujoco><worldbody><geom type="plane" size="10 10 0.1"/>
            <body name="torso" pos="0 0 1.3"><joint name="rootx" type="slide" axis="1 0 0"/><joint name="rootz" type="slide" axis="0 0 1"/>
            <joint name="rooty" type="hinge" axis="0 1 0"/><geom type="capsule" fromto="0 0 -0.3 0 0 0.3" size="0.07"/>
            <body name="leg" pos="0 0 -0.3"><joint name="hip" type="ball"/><geom type="capsule" fromto="0 0 0 0 0 -0.5" size="0.05"/>
            <body name="foot" pos="0 0 -0.5"><joint name="ankle" type="hinge" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.2 0 0" size="0.05"/>
            </body></body></body></worldbody><actuator><motor joint="ankle" gear="10"/></actuator></mujoco>
            """)
        try write("env.yaml", text)
        let result = try gait(["envs", "add", "env.yaml"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(phrase), "\(result.stderr)")
        let registered = folder.appendingPathComponent("registered")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: registered.path)) ?? []).isEmpty)
    }

    @Test func concurrentAddsOfOneIDLeaveOneWholeRegistration() throws {
        try write("one.yaml", "id: twin\nsummary: from one\nmodel: my-hopper.xml\ntask: hop\n")
        try write("two.yaml", "id: twin\nsummary: from two\nmodel: walker\ntask: walk\n")
        let stored = folder.appendingPathComponent("registered")
        for _ in 0..<3 {
            let adding = try ["one.yaml", "two.yaml"].map { try GaitProcess.start(["envs", "add", $0], in: folder, variables: variables) }
            let results = try adding.map { try $0.finish() }
            #expect(results.filter { $0.status == 0 }.count == 1, "\(results.map(\.stderr))")
            #expect(results.contains { $0.stderr.contains("'twin' is already registered") }, "\(results.map(\.stderr))")
            let yaml = try String(contentsOf: stored.appendingPathComponent("twin.yaml"), encoding: .utf8)
            let fromOne = results[0].status == 0
            #expect(yaml.contains(fromOne ? "from one" : "from two") && yaml.contains(fromOne ? "twin.model/my-hopper.xml" : "model: walker"))
            #expect(FileManager.default.fileExists(atPath: stored.appendingPathComponent("twin.model").path) == fromOne)
            #expect(try gait(["check", "twin"]).status == 0)
            #expect(try gait(["envs", "remove", "twin"]).status == 0)
        }
    }

    @Test func aFileThatWouldBeStoredLargerThanItMayBeIsRefusedAndUnicodeStaysAsWritten() throws {
        let accented = String(repeating: "é", count: 20_000)
        try write("accented.yaml", "id: accented\nsummary: \(accented)\nmodel: walker\ntask: walk\n")
        #expect(try gait(["envs", "add", "accented.yaml"]).status == 0)
        let shown = try gait(["envs", "show", "accented"])
        #expect(shown.status == 0 && shown.stdout.contains(accented), "\(shown.stderr)")
        #expect(try gait(["envs", "remove", "accented"]).status == 0)
        // Single-quoted, each apostrophe is stored twice: 80,000 bytes.
        try write("quoted.yaml", "id: quoted\nsummary: \"\(String(repeating: "'", count: 40_000))\"\nmodel: walker\ntask: walk\n")
        let refused = try gait(["envs", "add", "quoted.yaml"])
        #expect(refused.status != 0 && refused.stderr.contains("more than the 65536") && refused.stderr.contains("shorten its summary"),
                "\(refused.stderr)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("registered").path)) ?? [])
                    .filter { !$0.hasPrefix(".") }.isEmpty)
    }

    @Test func twoFilesWithOneIDAreReportedByNameAndEverythingElseKeepsWorking() throws {
        try write("a.yaml", "id: dup\nmodel: walker\ntask: walk\n")
        #expect(try gait(["envs", "add", "a.yaml"]).status == 0)
        let stored = folder.appendingPathComponent("registered")
        try FileManager.default.copyItem(at: stored.appendingPathComponent("dup.yaml"), to: stored.appendingPathComponent("copy.yaml"))
        try "id: pendulum\nmodel: walker\ntask: walk\n".write(to: stored.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let listed = try gait(["envs"])
        #expect(listed.status == 0 && listed.stdout.contains("walker-walk") && !listed.stdout.contains("dup"), "\(listed.stderr)")
        #expect(listed.stderr.contains("copy.yaml and dup.yaml") && listed.stderr.contains("mine.yaml") && listed.stderr.contains("'pendulum'"),
                "\(listed.stderr)")
        #expect(try gait(["check", "pendulum"]).status == 0)
        #expect(try gait(["envs", "remove", "dup"]).status == 0)
        #expect(try gait(["check", "dup"]).status == 0, "copy.yaml alone registers it now")
    }

    @Test func everyMistakeOfAFileIsReportedAtOnce() throws {
        try write("env.yaml", "id: Bad_ID\nmodel: walker\ntask: flyy\nepisode_steps: -3\ncontrol_cost: abc\nspeed: 2\n")
        let result = try gait(["envs", "add", "env.yaml"])
        #expect(result.status != 0 && result.stderr.contains("5 mistakes"), "\(result.stderr)")
        for phrase in ["field 'id'", "field 'task'", "field 'episode_steps'", "field 'control_cost'", "unknown field 'speed'"] {
            #expect(result.stderr.contains(phrase), "\(phrase): \(result.stderr)")
        }
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func removeRefusesAnythingThatIsNotAnIDBeforeTouchingAFile() throws {
        let victim = folder.appendingPathComponent("victim.yaml")
        try write("victim.yaml", "id: victim\n")
        for id in ["../victim", "/tmp/x", "a.b"] {
            let result = try gait(["envs", "remove", id])
            #expect(result.status != 0 && result.stderr.contains("is not an environment id"), "\(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: victim.path))
    }
}
