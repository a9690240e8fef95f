import Foundation
import GaitCore

/// What the command line knows about environments, for other front ends (the C ABI, and through
/// it Python): the same registry, described in the same JSON as `gait envs --json` and
/// `gait envs show --json`.
package enum EnvironmentCatalog {
    /// The environments of `plugins` and the user's environment files (`gait envs add`), as the
    /// command line sees them.
    package static func registry(plugins: [any EnvironmentPlugin.Type]) throws -> EnvironmentRegistry {
        let taken = Set(plugins.flatMap { $0.environments.map(\.id) })
        return try EnvironmentRegistry(plugins: plugins, additional: UserEnvironmentStore.current.specs(excluding: taken).map {
            (UserEnvironmentStore.providerName, $0)
        })
    }

    /// Every environment of `registry`, as `gait envs --json` prints them.
    package static func summaries(of registry: EnvironmentRegistry) throws -> Data {
        try Console.json(registry.specs.map(EnvironmentSummary.init), pretty: false)
    }

    /// One environment of `registry` made as `environment`, as `gait envs show --json` prints it.
    package static func details(of spec: EnvironmentSpec, environment: any Environment, registry: EnvironmentRegistry) throws -> Data {
        try Console.json(EnvironmentDetails(spec, environment: environment, provider: registry.providers[spec.id] ?? "?"), pretty: false)
    }
}
