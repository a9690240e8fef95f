import Foundation

/// A thread that creates one environment copy and runs reset and step requests on it.
final class VectorWorker: @unchecked Sendable {
    enum Request {
        case reset(UInt64?)
        case step([Float])
        case snapshot
        case restore(EnvironmentSnapshot)
        case stop
    }

    private let requests = Handoff<Request>()
    private let replies = Handoff<Result<Reply, any Error>>()

    /// Starts the thread, makes the environment on it and waits until it exists.
    init(spec: EnvironmentSpec, options: [String: String], index: Int) throws {
        let thread = Thread { [self] in run(spec: spec, options: options) }
        thread.name = "gait-env-\(index)"
        thread.start()
        _ = try replies.take().get()
    }

    /// Hands a request to the thread (take the reply before the next one).
    func submit(_ request: Request) { requests.post(request) }

    /// Waits for the reply to the last request.
    func reply() throws -> Reply { try replies.take().get() }

    private func run(spec: EnvironmentSpec, options: [String: String]) {
        let environment: any Environment
        do {
            environment = try spec.make(options: options)
        } catch {
            replies.post(.failure(error))
            return
        }
        replies.post(.success(.created))
        while true {
            let request = requests.take()
            if case .stop = request { return }
            replies.post(Result { try Reply.serve(request, on: environment) })
        }
    }
}
