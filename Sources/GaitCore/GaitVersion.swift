/// The version of Gait, recorded in run configurations, checkpoints and episode files.
public enum GaitVersion {
    /// The current version string.
    public static let current = "0.1.0"
}
