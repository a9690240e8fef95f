import Foundation
import Testing

/// The two ways of adding environments in Swift, each built for real with SwiftPM (debug builds,
/// so that they take seconds rather than minutes): the scaffolding command plugin on a copy of
/// this package, and the out-of-tree example package, which adds an agent too.
@Suite(.serialized) struct ExtensionTests {
    /// The root of this package.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs a shell command in `directory`, keeping the user's registered environments out;
    /// returns its status and combined output.
    @discardableResult
    func shell(_ command: String, in directory: URL) throws -> (status: Int32, output: String) {
        try GaitCLITests.shell(command, in: directory, variables: ["GAIT_ENV_PATH": directory.appendingPathComponent(".no-user-environments").path])
    }

    @Test func scaffoldedEnvironmentIsListedChecksAndTrains() throws {
        let copy = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: copy) }  // its .build holds gigabytes
        try shell("tar --exclude='./.build*' --exclude='./Examples/*/.build' -cf - . | tar -xf - -C '\(copy.path)'", in: Self.root)
        let scaffold = try shell("swift package --allow-writing-to-package-directory scaffold-environment --name SlidingBlock", in: copy)
        #expect(scaffold.status == 0, "\(scaffold.output)")
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("Sources/GaitEnvs/Scaffolded/SlidingBlockEnvironment.swift").path))
        let again = try shell("swift package --allow-writing-to-package-directory scaffold-environment --name SlidingBlock", in: copy)
        #expect(again.status != 0 && again.output.contains("exists already"))

        let build = try shell("swift build --build-tests", in: copy)
        try #require(build.status == 0, "\(build.output.suffix(3000))")
        let gait = ".build/debug/gait"
        #expect(try shell("\(gait) envs", in: copy).output.contains("sliding-block"))
        let check = try shell("\(gait) check sliding-block", in: copy)
        #expect(check.status == 0 && check.output.contains("check: sliding-block passed 9 checks"), "\(check.output)")
        let train = try shell("\(gait) train sliding-block --agent ppo --steps 2048 --set num_steps=1024 --eval-episodes 2 --out run", in: copy)
        #expect(train.status == 0 && train.output.contains("eval: mean_return="), "\(train.output)")
        let test = try shell("swift test --skip-build --filter slidingBlockKeepsTheEnvironmentContract", in: copy)
        #expect(test.status == 0 && test.output.contains("1 test"), "\(test.output.suffix(2000))")
    }

    /// A run's metrics.csv as columns: each column's cells by name.
    func metrics(_ run: URL) throws -> [String: [String]] {
        let rows = try String(contentsOf: run.appendingPathComponent("metrics.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = rows.first else { return [:] }
        return Dictionary(uniqueKeysWithValues: header.enumerated().map { column, name in (name, rows.dropFirst().map { $0[column] }) })
    }

    @Test func outOfTreePackageBuildsItsOwnCommandLine() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }  // gigabytes of build products
        let package = "--package-path '\(Self.root.path)/Examples/CustomPlugins' --scratch-path '\(scratch.path)'"
        let build = try shell("swift build --build-tests \(package)", in: scratch)
        try #require(build.status == 0, "\(build.output.suffix(3000))")
        let cli = scratch.appendingPathComponent("debug/custom-gait").path
        let envs = try shell("'\(cli)' envs", in: scratch)
        #expect(envs.output.contains("mountain-car") && envs.output.contains("walker-run"))
        let check = try shell("'\(cli)' check mountain-car", in: scratch)
        #expect(check.status == 0 && check.output.contains("check: mountain-car passed 9 checks"), "\(check.output)")
        let train = try shell("'\(cli)' train mountain-car --agent sac --steps 600 --set learning_starts=300 --set hidden_size=16 --eval-episodes 1 --out run", in: scratch)
        #expect(train.status == 0 && train.output.contains("eval: mean_return="), "\(train.output)")
        let agents = try shell("'\(cli)' agents", in: scratch)
        #expect(agents.output.contains("random-search") && agents.output.contains("sac"), "\(agents.output)")
        let search = try shell("'\(cli)' train lqr --agent random-search --steps 20000 --set n_delta=4 --set learning_rate=0.1 "
                               + "--set delta_std=0.1 --eval-every 10000 --eval-episodes 20 --out search", in: scratch)
        let evaluations = try metrics(scratch.appendingPathComponent("search"))["eval_return"]?.compactMap { Double($0) }
        // The optimal (Riccati) policy's mean return is about −10 and doing nothing's about −1000.
        #expect(search.status == 0 && evaluations?.count == 2 && evaluations!.allSatisfy { $0 > -30 }, "\(search.output)")
        let evaluation = try shell("'\(cli)' eval search", in: scratch)
        #expect(evaluation.status == 0 && evaluation.output.contains("random-search on lqr after 20000 steps"), "\(evaluation.output)")
        // A warm start carries the policy over and leaves the round in progress, which the agent says is the run's, to the new run (of two copies).
        let warm = try shell("'\(cli)' train lqr --warm-start search --envs 2 --steps 2000 --eval-every 2000 --eval-episodes 20 --out warm", in: scratch)
        let warmEvaluations = try metrics(scratch.appendingPathComponent("warm"))["eval_return"]?.compactMap { Double($0) }
        #expect(warm.status == 0 && warmEvaluations?.count == 1 && warmEvaluations!.allSatisfy { $0 > -30 }, "\(warm.output)")
        // Two copies, stopped at a checkpoint and resumed, give the records of a run straight through.
        let run = "'\(cli)' train lqr --agent random-search --envs 2 --set n_delta=3 --eval-every 2000 --eval-episodes 2 --checkpoint-every 3000"
        try shell("\(run) --steps 7000 --out whole", in: scratch)
        try shell("\(run) --steps 3000 --out part", in: scratch)
        let resumed = try shell("'\(cli)' train --resume part --steps 7000", in: scratch)
        var (straight, continued) = (try metrics(scratch.appendingPathComponent("whole")), try metrics(scratch.appendingPathComponent("part")))
        for time in ["wall_time", "steps_per_second"] { (straight[time], continued[time]) = (nil, nil) }
        #expect(resumed.status == 0 && straight["mean_return"]?.contains { !$0.isEmpty } == true && continued == straight, "\(resumed.output)")
        let test = try shell("swift test --skip-build \(package)", in: scratch)
        #expect(test.status == 0 && test.output.contains("4 tests"), "\(test.output.suffix(2000))")
    }
}
