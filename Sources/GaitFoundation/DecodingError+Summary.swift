extension DecodingError {
    /// Where decoding went wrong and how, in a line ("settings.steps: Expected to decode Double
    /// but found a string instead.", "seed: missing"), without the Swift type names of the bare
    /// description.
    public var summary: String {
        switch self {
        case .keyNotFound(let key, let context): "\(Self.path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.isEmpty ? context.debugDescription : "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default: "\(self)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map(\.stringValue).joined(separator: ".")
    }
}
