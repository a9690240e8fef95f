import GaitCore

/// The flags `gait_env_reset`, `gait_env_step` and `gait_vec_step` report for a copy.
enum StepFlags {
    static let terminated: Int32 = 1, truncated: Int32 = 2, layoutChanged: Int32 = 4, hasMessages: Int32 = 8

    /// The flags of a step (or a reset, which neither terminates nor truncates) whose info is
    /// `info`, after which the info layout changed or not.
    static func of(info: Info, terminated: Bool = false, truncated: Bool = false, layoutChanged: Bool) -> Int32 {
        (terminated ? Self.terminated : 0) | (truncated ? Self.truncated : 0) | (layoutChanged ? Self.layoutChanged : 0)
            | (info.messages.isEmpty ? 0 : hasMessages)
    }
}
