import Foundation
import GaitCore

/// An exclusive lock on a run directory, held while a process trains in it: `<run>/.lock`, locked
/// with `flock`, holding the owner's process id. The kernel releases the lock when the process
/// ends in any way, so a killed process never leaves a lock that blocks the next run.
package final class RunLock {
    private let file: Int32

    /// Locks the run at `folder`; throws, naming the owner, when another process holds it.
    init(_ folder: URL) throws {
        let path = folder.appendingPathComponent(".lock").path
        file = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard file >= 0 else {
            throw CLIError.io(path: path, reason: "cannot create the run's lock file (\(SystemError(code: errno))); check the folder is writable")
        }
        guard flock(file, LOCK_EX | LOCK_NB) == 0 else {
            let owner = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(file)
            throw CLIError.usage("another gait process\(owner.map { " (pid \($0))" } ?? "") is training in \(folder.path); "
                                 + "wait for it to finish or stop it, then try again")
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(file, 0) == 0 { _ = pwrite(file, pid, pid.count, 0) }
    }

    deinit { close(file) }
}
