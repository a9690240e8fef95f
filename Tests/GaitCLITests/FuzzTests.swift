import Foundation
import GaitFuzzTargets
import Testing

/// Gait's file readers under fuzzing: every kept input (each one a crash once, or a class of
/// hostile file) is replayed in-process, and a short coverage-guided run of each target is part
/// of the test command (`scripts/fuzz 300` runs a longer one).
@Suite struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("kept inputs and seeds end in an error or a result, never a crash", arguments: FuzzTarget.allCases)
    func keptInputs(target: FuzzTarget) throws {
        let folder = Self.root.appendingPathComponent("Tests/FuzzInputs/\(target.rawValue)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!kept.isEmpty, "each target keeps at least one hostile input")
        for name in kept { target.run(try Data(contentsOf: folder.appendingPathComponent(name))) }
        let seeds = try target.seeds()
        #expect(!seeds.isEmpty)
        for seed in seeds { target.run(seed) }
    }

    @Test("kept call sequences of the C ABI end in errors or results, never a crash")
    func keptCallSequences() throws {
        let folder = Self.root.appendingPathComponent("Tests/FuzzInputs/c-abi")
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        #expect(!kept.isEmpty)
        let fuzzer = Self.root.appendingPathComponent(".build/release/gait-fuzz").path
        let (status, text) = try shell("'\(fuzzer)' run c-abi " + kept.map { "'\($0)'" }.joined(separator: " "), in: Self.root)
        #expect(status == 0 && text.split(separator: "\n").count == kept.count, "\(text)")
    }

    @Test("a short fuzz run of every target finds no crash, hang or runaway allocation")
    func shortRun() throws {
        let (status, text) = try shell("scripts/fuzz 15 2>/dev/null", in: Self.root, variables: ["GAIT_FUZZ_SEED": "1"])
        print(text, terminator: "")
        #expect(status == 0, "\(text)")
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("fuzz ") }
        #expect(lines.count == FuzzTarget.allCases.count + 1, "every file reader and the C ABI: \(text)")
        for line in lines {
            let executions = line.split(separator: " ").firstIndex(of: "executions").flatMap { Int(line.split(separator: " ")[$0 - 1]) }
            #expect((executions ?? 0) > 100, "\(line)")
        }
    }
}
