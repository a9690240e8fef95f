import GaitCore

/// The plugin that registers `mountain-car`. List it next to Gait's own plugins:
/// `GaitCLI.main(plugins: [BuiltinEnvironments.self, MountainCarPlugin.self])`.
public enum MountainCarPlugin: EnvironmentPlugin {
    public static let name = "mountain-car example"

    public static var environments: [EnvironmentSpec] {
        [
            EnvironmentSpec(id: "mountain-car", summary: "Rock a car out of a valley to the flag (MountainCarContinuous-v0)",
                            tags: ["classic", "example"], maxEpisodeSteps: 999, observationSize: 2, actionSize: 1) { seed, _ in
                MountainCarEnvironment(seed: seed)
            },
        ]
    }
}
