import Foundation
import GaitCore
import Yams

/// Reads the small YAML (or JSON) files users write: environment files and `--config` files.
/// They are short maps, so the reader bounds what a file may be before Yams builds it: its
/// size, how deeply brackets nest, no aliases (`*a` repeats what it refers to, so a few lines
/// of aliases can otherwise expand to billions), and how many values it holds.
package enum YAMLFile {
    /// The largest file, in bytes.
    static let maximumSize = 1 << 16
    /// The deepest nesting of `[` and `{`.
    static let maximumNesting = 32
    /// The most values (scalars, lists and maps) a file may hold.
    static let maximumValues = 10_000

    /// The map at the top of the file at `path`; `kind` names the file in errors ("a config file").
    static func map(at path: String, kind: String, example: String) throws -> [String: Any] {
        let text: String
        do {
            text = try InputFile.text(URL(fileURLWithPath: path), limit: maximumSize)
        } catch {
            throw CLIError.io(path: path, reason: "cannot use it as \(kind): \(error)")
        }
        return try map(text: text, path: path, kind: kind, example: example)
    }

    /// The map at the top of `text`, read from `path`.
    package static func map(text: String, path: String, kind: String, example: String) throws -> [String: Any] {
        guard text.utf8.count <= maximumSize else {
            throw CLIError.badFile(path: path, reason: "more than \(maximumSize) bytes; \(kind) is a short map, such as '\(example)'")
        }
        guard nesting(of: text) <= maximumNesting else {
            throw CLIError.badFile(path: path, reason: "brackets nest more than \(maximumNesting) deep; \(kind) is a flat map, such as '\(example)'")
        }
        // An alias repeats what it names, and Yams compares a map's keys in full while it builds
        // the map, so a few lines of aliases in or under a key cost exponential time before the
        // value count below is ever reached. These files are short maps: they need none.
        if let line = aliasLine(in: text) {
            throw CLIError.badFile(path: path, reason: "line \(line): an alias ('*name'); \(kind) cannot use anchors "
                                   + "and aliases: write the values out, such as '\(example)'")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw CLIError.badFile(path: path, reason: "not valid YAML or JSON (\(error))")
        }
        guard count(root, upTo: maximumValues) <= maximumValues else {
            throw CLIError.badFile(path: path, reason: "it holds more than \(maximumValues) values; \(kind) is a short map, such as '\(example)'")
        }
        guard let root else { return [:] }
        guard let map = try value(of: root, path: path) as? [String: Any] else {
            throw CLIError.badFile(path: path, reason: "expected a map, such as '\(example)'")
        }
        return map
    }

    /// The line (from 1) of the first alias (`*name`) in `text`, if any: a `*` that starts a node
    /// (at the start of a line or after `[`, `{`, `,`, `?`, `:` or `-`), followed by a name as
    /// libyaml reads one (letters, digits, `-` and `_`). Quoted scalars and comments are read
    /// past, so a `*` inside them is text (a quoted scalar is read to the end of its line only,
    /// so the lines after a multi-line one are checked as if unquoted).
    static func aliasLine(in text: String) -> Int? {
        let quoted = #""(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'"#
        let pattern = #"(?:^|[ \t])#[^\n]*|(?:^|[\[{,?:-])[ \t]*(?:"# + quoted + #"|(\*)[0-9A-Za-z_-])"#
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]),
              let match = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
                  .first(where: { $0.range(at: 1).location != NSNotFound }),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    /// `node` as Swift values: scalars as numbers, booleans, null or text, lists as arrays,
    /// maps as dictionaries whose keys must be scalars. Numbers are parsed here, and other
    /// scalars (timestamps, base-60 numbers such as `1:30`, custom tags) kept as text, because
    /// Yams's own conversions trap on some of them (an overflowing base-60 number, a map as a key).
    private static func value(of node: Node, path: String) throws -> Any {
        switch node {
        case .scalar(let scalar):
            let digits = scalar.string.replacingOccurrences(of: "_", with: "")
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .int, .float:
                if let integer = Int(digits) { return integer }
                if let real = Double(digits) { return real }
                return scalar.string
            case .bool, .null, .str: return node.any
            default: return scalar.string
            }
        case .alias:
            throw CLIError.badFile(path: path, reason: "line \((node.mark?.line ?? 0)): an alias that does not resolve")
        case .sequence(let sequence):
            return try sequence.map { try value(of: $0, path: path) }
        case .mapping(let mapping):
            var map: [String: Any] = [:]
            for (key, item) in mapping {
                guard case .scalar(let name) = key else {
                    throw CLIError.badFile(path: path, reason: "line \((key.mark?.line ?? 0)): a key is a list or a map; keys are plain names")
                }
                map[name.string] = try value(of: item, path: path)
            }
            return map
        }
    }

    /// The deepest nesting of flow brackets, counted without regard to quotes (so it can only
    /// overestimate).
    private static func nesting(of text: String) -> Int {
        var (depth, deepest) = (0, 0)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1; deepest = max(deepest, depth) }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth = max(depth - 1, 0) }
        }
        return deepest
    }

    /// The number of values below and including `root`, counting each alias as a copy of what
    /// it refers to, and stopping once `limit` is passed.
    private static func count(_ root: Node?, upTo limit: Int) -> Int {
        var pending = root.map { [$0] } ?? []
        var total = 0
        while let node = pending.popLast(), total <= limit {
            total += 1
            switch node {
            case .mapping(let mapping): for (key, value) in mapping { pending += [key, value] }
            case .sequence(let sequence): pending += Array(sequence)
            default: break
            }
        }
        return total
    }
}
