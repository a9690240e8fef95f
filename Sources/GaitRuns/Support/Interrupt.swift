import Foundation
import Synchronization

/// Stopping long commands: the first SIGINT (Ctrl-C), SIGTERM (`kill`, a job scheduler) or SIGHUP
/// (a closed terminal) only asks the command to stop at the next safe point (it saves and
/// exits); for a command, a second one ends the process at once. A signal the process ignores
/// (SIGHUP under `nohup`) stays ignored.
package enum Interrupt {
    /// The signal caught, or 0.
    private static let caught = Atomic<Int32>(0)
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    /// Whether a second signal ends the process (a command) or is caught too (a library call,
    /// whose caller decides after the call).
    private static let secondEndsProcess = Atomic<Bool>(true)

    /// Starts catching the signals (unblocking them, in case the parent started us with them
    /// blocked), forgetting any caught before.
    static func install(secondEndsProcess: Bool) {
        caught.store(0, ordering: .relaxed)
        Interrupt.secondEndsProcess.store(secondEndsProcess, ordering: .relaxed)
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in signals { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
        for number in signals {
            let previous = signal(number) { number in
                Interrupt.caught.store(number, ordering: .relaxed)
                if Interrupt.secondEndsProcess.load(ordering: .relaxed) { signal(number, SIG_DFL) }
            }
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(number, SIG_IGN) }
        }
    }

    /// The signal that asked for a stop since `install`, or nil.
    package static var caughtSignal: Int32? {
        let number = caught.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// Whether a stop was asked for.
    static var requested: Bool { caughtSignal != nil }

    /// The exit status of a command stopped by the signal, as a shell reports one: 128 + its number
    /// (130 for Ctrl-C).
    package static var exitStatus: Int32 { 128 + (caughtSignal ?? SIGINT) }
}
