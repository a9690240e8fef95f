import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a parsed XML document: name, attributes, source file and line, and children.
///
/// A document may hold at most `maximumElements` elements nested at most `maximumDepth` deep:
/// larger ones are refused while they are read, before they can exhaust memory or the stack.
struct XMLElementNode {
    /// The most elements a model file may have.
    static let maximumElements = 10_000
    /// The deepest elements may nest (MuJoCo's own models nest about 20 deep).
    static let maximumDepth = 100

    var name: String
    var attributes: [String: String]
    var line: Int
    /// The file (or "<string>") the element was written in: included files keep their own name.
    var source: String
    var children: [XMLElementNode] = []

    /// Parses a whole document with Foundation's XML parser and returns its root element.
    static func parse(_ text: String, source: String) throws(ModelError) -> XMLElementNode {
        let builder = TreeBuilder(source: source)
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        let succeeded = parser.parse()
        if let refusal = builder.refusal {
            throw ModelError(source: source, line: builder.errorLine ?? parser.lineNumber, reason: .tooLarge(refusal))
        }
        guard succeeded, let root = builder.root else {
            let code = (parser.parserError as NSError?)?.code
            throw ModelError(source: source, line: max(builder.errorLine ?? parser.lineNumber, 1),
                             reason: .malformedXML(code.map(explanation) ?? "the document has no root element"))
        }
        return root
    }

    /// The number of elements in this subtree, itself included.
    var elementCount: Int { children.reduce(1) { $0 + $1.elementCount } }

    /// Plain words for the parser's most common error codes.
    private static func explanation(_ code: Int) -> String {
        switch code {
        case 4: "the document is empty"
        case 5: "the document ends inside an element or tag; check for unclosed elements, quotes or tags"
        case 76: "an end tag does not match its start tag"
        default: "XML parser error \(code)"
        }
    }

    /// Collects elements into a tree as the parser reports them.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let source: String
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        var errorLine: Int?
        var elements = 0
        /// Why the document was refused as too large, when it was.
        var refusal: String?

        init(source: String) { self.source = source }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            errorLine = errorLine ?? parser.lineNumber
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements += 1
            if elements > XMLElementNode.maximumElements {
                refusal = "more than \(XMLElementNode.maximumElements) elements"
            } else if stack.count >= XMLElementNode.maximumDepth {
                refusal = "elements nested more than \(XMLElementNode.maximumDepth) deep"
            }
            if refusal != nil {
                errorLine = parser.lineNumber
                parser.abortParsing()
                return
            }
            stack.append(XMLElementNode(name: elementName, attributes: attributes, line: parser.lineNumber, source: source))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            guard refusal == nil else { return }
            let finished = stack.removeLast()
            if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
        }
    }
}
