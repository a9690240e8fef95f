import Foundation
import GaitFoundation

/// Replaces every `<include file="…"/>` with the children of the included file's `<mujoco>`
/// element, as MuJoCo's compiler does.
///
/// A path is relative to the including file's folder and must stay inside the top file's folder
/// tree (after symbolic links are resolved); includes nest at most `maximumDepth` deep, a file
/// that includes itself (directly or not) is refused, and the whole expanded model is held to the
/// element limit of one file.
struct MJCFIncludes {
    /// The deepest includes may nest.
    static let maximumDepth = 8

    /// The top file's folder, resolved: no included file may lie outside it.
    let root: URL
    /// Every file included, once each, in the order first read.
    private(set) var included: [URL] = []

    /// Expands the includes of `element`, read from `file`; `chain` is the files including it.
    mutating func expand(_ element: XMLElementNode, file: URL, chain: [URL] = []) throws(ModelError) -> XMLElementNode {
        var expanded = element
        expanded.children = []
        for child in element.children {
            guard child.name == "include" else {
                expanded.children.append(try expand(child, file: file, chain: chain))
                continue
            }
            let document = try read(child, from: file, chain: chain + [file])
            let url = resolvedURL(of: child, from: file)
            if !included.contains(url) { included.append(url) }
            expanded.children += try expand(document, file: url, chain: chain + [file]).children
        }
        return expanded
    }

    private func resolvedURL(of include: XMLElementNode, from file: URL) -> URL {
        Self.resolved(include.attributes["file"] ?? "", in: file.deletingLastPathComponent())
    }

    /// `path` (relative to `folder`, or absolute) with symbolic links resolved.
    static func resolved(_ path: String, in folder: URL) -> URL {
        URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Whether `url` lies in `root`'s folder tree.
    static func contains(_ url: URL, in root: URL) -> Bool {
        url.path.hasPrefix(root.path.hasSuffix("/") ? root.path : root.path + "/")
    }

    /// Reads one included file after checking its path, nesting and size.
    private func read(_ include: XMLElementNode, from file: URL, chain: [URL]) throws(ModelError) -> XMLElementNode {
        func refuse(_ why: String) -> ModelError {
            ModelError(source: include.source, line: include.line, reason: .include(why))
        }
        for name in include.attributes.keys where name != "file" {
            throw ModelError(source: include.source, line: include.line,
                             reason: .unknownAttribute(element: "include", attribute: name))
        }
        guard let path = include.attributes["file"], !path.isEmpty else {
            throw ModelError(source: include.source, line: include.line, reason: .missingAttribute(element: "include", attribute: "file"))
        }
        guard include.children.isEmpty else { throw refuse("<include> cannot have child elements") }
        guard chain.count <= Self.maximumDepth else {
            throw refuse("includes nest more than \(Self.maximumDepth) deep; flatten them")
        }
        let url = resolvedURL(of: include, from: file)
        guard Self.contains(url, in: root) else {
            throw refuse("'\(path)' lies outside the model's folder (\(root.path)); included files must be in the model file's folder or below it")
        }
        guard !chain.contains(url) else {
            throw refuse("'\(path)' includes itself (\(chain.map(\.lastPathComponent).joined(separator: " → ")) → \(url.lastPathComponent)); remove the cycle")
        }
        let text: String
        do {
            text = try InputFile.text(url, limit: Model.maximumFileSize)
        } catch {
            throw refuse("cannot include '\(path)': \(error.description)")
        }
        let included = try XMLElementNode.parse(text, source: url.lastPathComponent)
        guard included.name == "mujoco" else {
            throw ModelError(source: included.source, line: included.line,
                             reason: .include("an included file's top element must be <mujoco>, not <\(included.name)>"))
        }
        return included
    }
}
