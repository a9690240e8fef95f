import Synchronization

/// Keeps a handle of the C ABI to one call at a time. Callers such as Python's ctypes release
/// their own lock during a call, so two threads can reach one handle together: the second call
/// fails with a clear error instead of racing, and closing a handle while a call is under way
/// releases it when that call ends instead of under its feet.
final class HandleGate: Sendable {
    private let state = Mutex<(busy: Bool, closed: Bool)>((false, false))
    /// What the handle is called in errors ("environment", "vector environment").
    let noun: String

    init(noun: String) { self.noun = noun }

    /// Starts a call; throws when another call is under way or the handle was closed.
    func enter() throws(ABIError) {
        let refusal: ABIError? = state.withLock { state in
            if state.closed { return .closedHandle(noun) }
            if state.busy { return .concurrentUse(noun) }
            state.busy = true
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Ends a call; true when the handle was closed meanwhile and must now be released.
    func leave() -> Bool {
        state.withLock { state in
            state.busy = false
            return state.closed
        }
    }

    /// Closes the handle: true when it can be released now, false when the call under way will
    /// release it as it ends.
    func close() -> Bool {
        state.withLock { state in
            let releaseNow = !state.busy && !state.closed
            state.closed = true
            return releaseNow
        }
    }
}

/// A handle of the C ABI guarded by a `HandleGate`.
protocol GuardedHandle: AnyObject {
    var gate: HandleGate { get }
}
