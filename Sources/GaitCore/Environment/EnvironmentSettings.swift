/// Reading the simulation settings an environment records (`Environment.settings`).
public enum EnvironmentSettings {
    /// Seconds between two of the agent's steps: the physics time step times the sub-steps
    /// times the action repeat, or `dt` (0.02 when the settings hold neither).
    public static func controlTimeStep(_ settings: [String: String]) -> Double {
        let number = { (key: String) in settings[key].flatMap(Double.init) }
        return number("timestep").map { $0 * (number("substeps") ?? 1) * (number("action_repeat") ?? 1) } ?? number("dt") ?? 0.02
    }
}
