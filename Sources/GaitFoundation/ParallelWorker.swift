import Foundation

/// A thread of its own that runs one job at a time alongside the caller: for two independent
/// pieces of work (say, the twin critics of one update) on two cores. Hand-offs spin briefly
/// before sleeping, so a job starts within nanoseconds when the worker is warm.
public final class ParallelWorker: @unchecked Sendable {
    private let jobs = Handoff<(() -> Void)?>()
    private let finished = Handoff<Void>()

    /// Starts the worker thread.
    public init(name: String = "gait-worker") {
        let thread = Thread { [jobs, finished] in
            // The job is released when `runNext` returns, before `run` is told it finished: the
            // caller's closure must not outlive `run`.
            while Self.runNext(jobs) { finished.post(()) }
        }
        thread.name = name
        thread.start()
    }

    deinit { jobs.post(nil) }

    private static func runNext(_ jobs: Handoff<(() -> Void)?>) -> Bool {
        guard let job = jobs.take() else { return false }
        job()
        return true
    }

    /// Runs `job` on the worker while the calling thread runs `local`; returns when both are
    /// done. The two must not touch the same mutable state.
    public func run(_ job: () -> Void, alongside local: () -> Void) {
        withoutActuallyEscaping(job) { job in
            jobs.post(job)
            local()
            finished.take()
        }
    }
}
