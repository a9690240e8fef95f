/// Why an environment file cannot be used; names the file and the field.
public enum DefinitionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A required field is absent.
    case missingField(file: String, field: String)
    /// A field that environment files do not have.
    case unknownField(file: String, field: String, valid: [String])
    /// A field with an unusable value.
    case invalidField(file: String, field: String, reason: String)
    /// The model file cannot be read or loaded, or the task does not fit it.
    case unusableModel(file: String, field: String, reason: String)
    /// More than one of the above, in the file's field order.
    indirect case several(file: String, mistakes: [DefinitionError])

    public var description: String {
        switch self {
        case .missingField(let file, let field): "\(file): the field '\(field)' is required"
        case .unknownField(let file, let field, let valid):
            "\(file): unknown field '\(field)'; valid fields are \(valid.joined(separator: ", "))"
        case .invalidField(let file, let field, let reason): "\(file): field '\(field)': \(reason)"
        case .unusableModel(let file, let field, let reason): "\(file): field '\(field)': \(reason)"
        case .several(let file, let mistakes):
            "\(file): \(mistakes.count) mistakes: " + mistakes.map { $0.description.dropFirst(file.count + 2) }.joined(separator: "; ")
        }
    }
}
