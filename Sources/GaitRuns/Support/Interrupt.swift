import Foundation
import Synchronization

/// Stopping long commands: the first SIGINT (Ctrl-C), SIGTERM (`kill`, a job scheduler) or SIGHUP
/// (a closed terminal) only asks the command to stop at the next safe point (it saves and
/// exits); a second one ends the process at once.
package enum Interrupt {
    /// The signal caught, or 0.
    private static let caught = Atomic<Int32>(0)
    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Starts catching the signals (unblocking them, in case the parent started us with them blocked).
    static func install() {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for number in signals { sigaddset(&blocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
        for number in signals {
            signal(number) { number in
                Interrupt.caught.store(number, ordering: .relaxed)
                signal(number, SIG_DFL)
            }
        }
    }

    /// Whether a stop was asked for.
    static var requested: Bool { caught.load(ordering: .relaxed) != 0 }

    /// The exit status of a command stopped by the signal, as a shell reports one: 128 + its number
    /// (130 for Ctrl-C).
    package static var exitStatus: Int32 {
        let number = caught.load(ordering: .relaxed)
        return 128 + (number == 0 ? SIGINT : number)
    }
}
