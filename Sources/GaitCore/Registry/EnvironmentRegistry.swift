/// The environments of an explicit list of plugins, looked up by id.
public struct EnvironmentRegistry: Sendable {
    /// Every registered specification, in plugin order.
    public let specs: [EnvironmentSpec]
    /// The plugin that provided each id.
    public let providers: [String: String]

    /// Registers every environment of `plugins`, then `additional` specifications made at run
    /// time (from environment files) under the provider name given with each; a repeated id is
    /// an error.
    public init(plugins: [any EnvironmentPlugin.Type],
                additional: [(provider: String, spec: EnvironmentSpec)] = []) throws(RegistryError) {
        var specs: [EnvironmentSpec] = []
        var providers: [String: String] = [:]
        let entries = plugins.flatMap { plugin in plugin.environments.map { (plugin.name, $0) } } + additional.map { ($0.provider, $0.spec) }
        for (provider, spec) in entries {
            if let first = providers[spec.id] {
                throw .duplicateEnvironment(id: spec.id, plugins: [first, provider])
            }
            providers[spec.id] = provider
            specs.append(spec)
        }
        self.specs = specs
        self.providers = providers
    }

    /// Every registered id, in registration order.
    public var ids: [String] { specs.map(\.id) }

    /// The specification for `id`, or an error suggesting the closest known ids.
    public func spec(_ id: String) throws(RegistryError) -> EnvironmentSpec {
        if let spec = specs.first(where: { $0.id == id }) { return spec }
        throw .unknownEnvironment(id: id, suggestions: suggestions(for: id))
    }

    /// Makes the environment `id` with the standard wrappers.
    public func make(_ id: String, seed: UInt64? = nil, options: [String: String] = [:]) throws -> any Environment {
        try spec(id).make(seed: seed, options: options)
    }

    /// Up to three known ids closest to `id` by edit distance (or sharing its prefix).
    public func suggestions(for id: String) -> [String] {
        let query = Array(id.lowercased())
        let scored = ids.map { candidate -> (String, Int) in
            let distance = Self.editDistance(query, Array(candidate.lowercased()))
            let related = candidate.hasPrefix(id) || id.hasPrefix(candidate.split(separator: "-").first.map(String.init) ?? candidate)
            return (candidate, related ? min(distance, 2) : distance)
        }
        let limit = max(2, query.count / 2)
        return scored.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    /// The Levenshtein distance between two strings.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
