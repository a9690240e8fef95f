/// Typed access to the fields of a parsed environment file, with errors naming the field.
struct FieldReader {
    let fields: [String: Any]
    let source: String

    func string(_ name: String) throws(DefinitionError) -> String {
        guard let value = try optionalString(name) else { throw .missingField(file: source, field: name) }
        return value
    }

    func optionalString(_ name: String) throws(DefinitionError) -> String? {
        guard let value = fields[name] else { return nil }
        guard var text = value as? String else { throw .invalidField(file: source, field: name, reason: "expected text, got \(value)") }
        while text.last?.isNewline == true { text.removeLast() }  // YAML's block scalars (summary: >) end in one
        try requireOneLine(text, field: name)
        return text
    }

    func optionalStrings(_ name: String) throws(DefinitionError) -> [String]? {
        guard let value = fields[name] else { return nil }
        guard let list = value as? [Any], let texts = list as? [String], !texts.isEmpty else {
            throw .invalidField(file: source, field: name, reason: "expected a list of names, such as [toe, heel]")
        }
        var seen = Set<String>()
        for text in texts {
            guard !text.isEmpty else { throw .invalidField(file: source, field: name, reason: "a name in the list is empty") }
            try requireOneLine(text, field: name)
            guard seen.insert(text).inserted else { throw .invalidField(file: source, field: name, reason: "'\(text)' is listed twice") }
        }
        return texts
    }

    /// Tags as `gait envs` lists them, separated by commas: letters, digits, '-', '_', '.' and
    /// spaces between words.
    func optionalTags(_ name: String) throws(DefinitionError) -> [String]? {
        guard let tags = try optionalStrings(name) else { return nil }
        let allowed = { (character: Character) in character.isLetter || character.isNumber || "-_. ".contains(character) }
        if let odd = tags.first(where: { !$0.allSatisfy(allowed) || $0.first == " " || $0.last == " " }) {
            throw .invalidField(file: source, field: name, reason: "'\(odd)' is not a tag: use letters, digits, '-', '_', '.' "
                                + "and spaces between words (commas separate tags in 'gait envs')")
        }
        return tags
    }

    /// Text shown on one line of `gait envs` and in errors: no line breaks, tabs or escape codes.
    private func requireOneLine(_ text: String, field: String) throws(DefinitionError) {
        guard let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) else { return }
        throw .invalidField(file: source, field: field, reason: "it holds the control character U+\(String(control.value, radix: 16, uppercase: true)) "
                            + "(a line break, tab or escape code); write it on one line")
    }

    func optionalNumber(_ name: String, range: ClosedRange<Double>) throws(DefinitionError) -> Double? {
        guard let value = fields[name] else { return nil }
        let number: Double? = switch value {
        case let int as Int: Double(int)
        case let double as Double: double
        default: nil
        }
        guard let number, range.contains(number) else {
            throw .invalidField(file: source, field: name, reason: "expected a number from \(range.lowerBound) to \(range.upperBound), got \(Self.shown(value))")
        }
        return number
    }

    func optionalCount(_ name: String, range: ClosedRange<Int>) throws(DefinitionError) -> Int? {
        guard let value = fields[name] else { return nil }
        guard let count = value as? Int, range.contains(count) else {
            throw .invalidField(file: source, field: name, reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(Self.shown(value))")
        }
        return count
    }

    /// A value as an error shows it: text in quotes, so that "10" is not mistaken for the number 10.
    private static func shown(_ value: Any) -> String { value is String ? "the text \"\(value)\" (write numbers without quotes)" : "\(value)" }
}
