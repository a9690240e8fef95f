extension Episode.Header {
    /// Seconds per control step, from the recorded settings (see `EnvironmentSettings`).
    public var controlTimeStep: Double { EnvironmentSettings.controlTimeStep(settings) }
}
