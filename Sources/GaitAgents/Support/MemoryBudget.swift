import Foundation

/// The memory a training configuration may ask for: 80 % of this machine's physical memory, or
/// `GAIT_MEMORY_LIMIT_MB` megabytes when that variable is set (to share a machine, or to bound a
/// fuzzer). Agents and the trainer estimate what they will allocate and check it here first, so
/// that an impossible configuration is one clear error instead of an abort in `malloc` or the
/// kernel's out-of-memory killer.
enum MemoryBudget {
    /// The budget in bytes, and where it comes from; a `GAIT_MEMORY_LIMIT_MB` that is not a
    /// positive number is an error, not ignored.
    static func limit() throws(AgentError) -> (bytes: Double, source: String) {
        if let text = ProcessInfo.processInfo.environment["GAIT_MEMORY_LIMIT_MB"] {
            guard let megabytes = Double(text.trimmingCharacters(in: .whitespaces)), megabytes.isFinite, megabytes > 0,
                  megabytes <= 1e12 else {
                throw .invalidHyperparameter(name: "GAIT_MEMORY_LIMIT_MB", reason: "'\(text)' is not a number of megabytes "
                                             + "between 0 and 1e12; set it to one, such as 4000, or unset it")
            }
            return (megabytes * 1e6, "GAIT_MEMORY_LIMIT_MB")
        }
        let physical = Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
        return (0.8 * physical, "80 % of this machine's memory")
    }

    /// Throws `tooLarge` when `bytes`, needed for `what`, exceed the budget; `advice` says
    /// which settings to lower.
    static func require(_ bytes: Double, for what: String, advice: String) throws(AgentError) {
        let limit = try limit()
        guard bytes <= limit.bytes else {
            throw .tooLarge(what: what, bytes: bytes, limit: limit.bytes, source: limit.source, advice: advice)
        }
    }
}
