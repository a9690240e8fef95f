extension Episode.Header {
    /// Seconds per control step, from the recorded settings: the physics time step times the
    /// sub-steps, or `dt` (0.02 when the environment records neither).
    public var controlTimeStep: Double {
        settings["timestep"].flatMap(Double.init).map { $0 * (settings["substeps"].flatMap(Double.init) ?? 1) }
            ?? settings["dt"].flatMap(Double.init) ?? 0.02
    }
}
