import Foundation
import Synchronization

/// A one-slot channel between two threads that spins briefly before sleeping: a value posted
/// while the other side is still spinning is picked up within nanoseconds instead of the
/// microseconds a wake-up from sleep costs.
public final class Handoff<Value>: @unchecked Sendable {
    /// How long a waiting side polls before it sleeps: long enough to span the caller's work
    /// between two steps, short enough not to hold a core while the caller does something else.
    public static var spinTime: Duration { .microseconds(200) }

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
        var deadline: ContinuousClock.Instant?
        while posted.load(ordering: .sequentiallyConsistent) == taken {
            polls += 1
            if polls & 1023 != 0 { continue }
            // When other threads want this core (more runnable threads than cores: the one this
            // side waits for may be among them), give them the rest of the time slice.
            sched_yield()
            let now = ContinuousClock.now
            if deadline == nil { deadline = now + Self.spinTime }
            if now < deadline! { continue }
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
