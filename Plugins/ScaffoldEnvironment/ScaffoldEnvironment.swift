import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory scaffold-environment --name ReachTarget`
///
/// Writes `Sources/GaitEnvs/Scaffolded/<Name>Environment.swift` (a small, working environment to
/// edit), registers it in `BuiltinEnvironments` under the id `<name-in-kebab-case>`, and writes
/// `Tests/GaitEnvsTests/<Name>EnvironmentTests.swift`, which runs the environment checker on it.
/// It only writes files (running `swift package` from a plugin would deadlock on the build lock).
@main
struct ScaffoldEnvironment: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        guard let name = extractor.extractOption(named: "name").last else {
            throw ScaffoldError("give the environment's type name: --name ReachTarget")
        }
        guard let first = name.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(first),
              name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII }) else {
            throw ScaffoldError("'\(name)' must be an UpperCamelCase Swift type name of letters and digits, such as ReachTarget")
        }
        let id = Self.kebabCase(name)
        let root = context.package.directoryURL
        let registry = root.appendingPathComponent("Sources/GaitEnvs/BuiltinEnvironments.swift")
        let source = root.appendingPathComponent("Sources/GaitEnvs/Scaffolded/\(name)Environment.swift")
        let test = root.appendingPathComponent("Tests/GaitEnvsTests/\(name)EnvironmentTests.swift")
        let marker = "            // scaffold-environment adds new environments above this line."
        var list = try String(contentsOf: registry, encoding: .utf8)
        guard list.contains(marker) else { throw ScaffoldError("\(registry.path) has lost its marker line: \(marker)") }
        guard !list.contains("id: \"\(id)\""), !FileManager.default.fileExists(atPath: source.path) else {
            throw ScaffoldError("an environment '\(id)' (\(name)Environment) exists already; choose another name")
        }
        try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Templates.environment(name: name, id: id).write(to: source, atomically: true, encoding: .utf8)
        try Templates.test(name: name, id: id).write(to: test, atomically: true, encoding: .utf8)
        list = list.replacingOccurrences(of: marker, with: Templates.registration(name: name, id: id) + marker)
        try list.write(to: registry, atomically: true, encoding: .utf8)
        print("""
            Created \(name)Environment (id '\(id)'):
              \(source.path)
              \(test.path)
              registered in \(registry.path)
            Next: swift build -c release && .build/release/gait check \(id)
            """)
    }

    /// `ReachTarget` → `reach-target`.
    static func kebabCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase && !result.isEmpty { result += "-" }
            result += character.lowercased()
        }
        return result
    }
}

struct ScaffoldError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
