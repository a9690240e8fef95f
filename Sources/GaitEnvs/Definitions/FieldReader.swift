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
        guard let text = value as? String else { throw .invalidField(file: source, field: name, reason: "expected text, got \(value)") }
        return text
    }

    func optionalStrings(_ name: String) throws(DefinitionError) -> [String]? {
        guard let value = fields[name] else { return nil }
        guard let list = value as? [Any], let texts = list as? [String], !texts.isEmpty else {
            throw .invalidField(file: source, field: name, reason: "expected a list of names, such as [toe, heel]")
        }
        return texts
    }

    func optionalNumber(_ name: String, range: ClosedRange<Double>) throws(DefinitionError) -> Double? {
        guard let value = fields[name] else { return nil }
        let number: Double? = switch value {
        case let int as Int: Double(int)
        case let double as Double: double
        default: nil
        }
        guard let number, range.contains(number) else {
            throw .invalidField(file: source, field: name, reason: "expected a number from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return number
    }

    func optionalCount(_ name: String, range: ClosedRange<Int>) throws(DefinitionError) -> Int? {
        guard let value = fields[name] else { return nil }
        guard let count = value as? Int, range.contains(count) else {
            throw .invalidField(file: source, field: name, reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return count
    }
}
