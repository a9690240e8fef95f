import Foundation

/// Runs `command` with `/bin/sh -c` in `directory` (with extra environment `variables`) and
/// waits for it; returns its exit status and its combined stdout and stderr. It spawns and reaps
/// the child itself (`posix_spawn`, `waitpid`): Foundation's `Process.waitUntilExit` can miss
/// the exit of a child while other threads start processes, and then waits forever. The child
/// gets none of this process's descriptors but the standard three: a pipe that another test's
/// child reads to its end (ffmpeg's frames) must not stay open in this one.
func shell(_ command: String, in directory: URL, variables: [String: String] = [:]) throws -> (status: Int32, output: String) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("gait-shell-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: log) }
    let script = "cd '\(directory.path)' && exec > '\(log.path)' 2>&1 && \(command)"
    let environment = ProcessInfo.processInfo.environment.merging(variables) { _, new in new }.map { "\($0.key)=\($0.value)" }
    let words: [String] = ["/bin/sh", "-c", script]
    let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    let variablesC: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer { (arguments + variablesC).forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // glibc ignores a close of a descriptor another thread has closed meanwhile.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
        if let descriptor = Int32(name), descriptor > 2 { posix_spawn_file_actions_addclose(&actions, descriptor) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, variablesC)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (exitStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}
