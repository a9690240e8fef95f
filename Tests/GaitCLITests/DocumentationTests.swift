import Foundation
import Testing

/// The DocC articles that walk through Gait's code (SAC's update, the out-of-tree agent) quote
/// it; every quoted line must still be in the sources, so that an article cannot drift from the
/// code it explains. (*Write a task* shows code for the reader to write, not quotes.)
@Suite struct DocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every line of every `.swift` file under `Sources/` and `Examples/` (builds left out), trimmed.
    static let sourceLines: Set<String> = {
        var lines = Set<String>()
        for folder in ["Sources", "Examples"] {
            let walker = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.lastPathComponent.hasPrefix(".build") { walker?.skipDescendants() }
                guard url.pathExtension == "swift",
                      let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                lines.formUnion(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            }
        }
        return lines
    }()

    @Test("every line an article quotes from the code is in the code", arguments: [
        "Sources/GaitAgents/GaitAgents.docc/ReadSACInOneSitting.md",
        "Sources/GaitAgents/GaitAgents.docc/WriteAnAgent.md",
    ])
    func quotedCodeIsInTheSources(article: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(article), encoding: .utf8)
        var quoting = false
        var quoted = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                quoting = line == "```swift"
                continue
            }
            let code = line.trimmingCharacters(in: .whitespaces)
            // Elided lines (…), comments and lone brackets say nothing a source line must match.
            guard quoting, !code.isEmpty, !code.contains("…"), !code.hasPrefix("//"), code.count > 3 else { continue }
            quoted += 1
            let found = Self.sourceLines.contains(code)
            #expect(found, "\(article) quotes a line no source file has: \(code)")
        }
        #expect(quoted > 10, "\(article) quotes \(quoted) lines")
    }
}
