import Foundation
import Synchronization

/// Ctrl-C handling for long commands: the first SIGINT only asks the command to stop at the next
/// safe point (it saves and exits); a second one ends the process at once.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Starts catching SIGINT (unblocking it, in case the parent started us with it blocked).
    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT) { _ in
            Interrupt.flag.store(true, ordering: .relaxed)
            signal(SIGINT, SIG_DFL)
        }
    }

    /// Whether Ctrl-C was pressed.
    static var requested: Bool { flag.load(ordering: .relaxed) }
}
