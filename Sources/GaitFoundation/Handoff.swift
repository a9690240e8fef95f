import Foundation
import Synchronization

/// A one-slot channel between two threads that spins briefly before sleeping: a value posted
/// while the other side is still spinning is picked up within nanoseconds instead of the
/// microseconds a wake-up from sleep costs.
public final class Handoff<Value>: @unchecked Sendable {
    /// How long a waiting side polls before it sleeps: long enough to span the caller's work
    /// between two steps, short enough not to hold a core while the caller does something else.
    public static var spinTime: Duration { .microseconds(200) }
    /// How long a waiting side polls before it also yields its core between polls: waits this
    /// short (the usual ones) cost no system call, and a longer one, which happens when more
    /// threads are runnable than there are cores, lets the thread it waits for run.
    public static var yieldAfter: Duration { .microseconds(10) }

    private let posted = Atomic<UInt64>(0)
    private let sleeping = Atomic<Bool>(false)
    private let condition = NSCondition()
    private var slot: Value?
    private var taken: UInt64 = 0

    /// An empty channel.
    public init() {}

    /// Hands `value` over; the previous value must have been taken.
    public func post(_ value: Value) {
        slot = value
        posted.add(1, ordering: .sequentiallyConsistent)
        if sleeping.load(ordering: .sequentiallyConsistent) {
            condition.lock()
            condition.signal()
            condition.unlock()
        }
    }

    /// Waits for the next posted value and takes it.
    public func take() -> Value {
        var polls = 0
        var started: ContinuousClock.Instant?
        while posted.load(ordering: .sequentiallyConsistent) == taken {
            polls += 1
            if polls & 1023 != 0 { continue }
            let now = ContinuousClock.now
            if started == nil { started = now }
            let waited = now - started!
            if waited < Self.yieldAfter { continue }
            sched_yield()
            if waited < Self.spinTime { continue }
            condition.lock()
            sleeping.store(true, ordering: .sequentiallyConsistent)
            while posted.load(ordering: .sequentiallyConsistent) == taken { condition.wait() }
            sleeping.store(false, ordering: .sequentiallyConsistent)
            condition.unlock()
        }
        taken += 1
        let value = slot!
        slot = nil
        return value
    }
}
