/// Reading the simulation settings an environment records (`Environment.settings`).
public enum EnvironmentSettings {
    /// Seconds per control step: the physics time step times the sub-steps, or `dt` (0.02 when
    /// the settings hold neither).
    public static func controlTimeStep(_ settings: [String: String]) -> Double {
        settings["timestep"].flatMap(Double.init).map { $0 * (settings["substeps"].flatMap(Double.init) ?? 1) }
            ?? settings["dt"].flatMap(Double.init) ?? 0.02
    }
}
