/// When a vector environment resets a copy whose episode ended (Gymnasium's autoreset modes).
public enum AutoresetMode: Sendable {
    /// In the step that ended the episode: the step returns the new episode's first observation
    /// and keeps the last one in `VectorStep.final`.
    case sameStep
    /// In the copy's next step, which ignores its action and returns the new episode's first
    /// observation with reward 0 and neither flag set; the step that ended the episode returns
    /// the last observation itself (Gymnasium's default for its vector environments).
    case nextStep
}
