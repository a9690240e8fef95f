import Foundation

/// The memory a training configuration may ask for: 80 % of this machine's physical memory.
/// Agents and the trainer estimate what they will allocate and check it here first, so that
/// an impossible configuration is one clear error instead of an abort in `malloc` or the
/// kernel's out-of-memory killer.
enum MemoryBudget {
    /// The machine's physical memory in bytes.
    static var physical: Double { Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE))) }

    /// Throws `tooLarge` when `bytes`, needed for `what`, exceed the budget; `advice` says
    /// which settings to lower.
    static func require(_ bytes: Double, for what: String, advice: String) throws(AgentError) {
        guard bytes <= 0.8 * physical else {
            throw .tooLarge(what: what, bytes: bytes, physical: physical, advice: advice)
        }
    }
}
