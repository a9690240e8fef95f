import Glibc

/// The message of the last failure on each calling thread, read with `gait_last_error()`.
enum LastError {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { free($0) }
        return key
    }()

    /// The calling thread's last message (nil before any failure), valid until its next failure.
    static var message: UnsafePointer<CChar>? {
        pthread_getspecific(key).map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) }
    }

    /// Runs `body`: 0 when it succeeds; otherwise −1, keeping the error's description (one line)
    /// as the calling thread's last message.
    static func status(_ body: () throws -> Void) -> Int32 {
        result {
            try body()
            return 0
        }
    }

    /// Runs `body`, which returns a number ≥ 0 (flags): that number when it succeeds; otherwise
    /// −1, keeping the error's description (one line) as the calling thread's last message.
    static func result(_ body: () throws -> Int32) -> Int32 {
        do {
            return try body()
        } catch {
            let line = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            free(pthread_getspecific(key))
            pthread_setspecific(key, strdup(line))
            return -1
        }
    }
}
