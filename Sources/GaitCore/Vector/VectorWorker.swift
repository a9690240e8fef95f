import Foundation

/// A thread that creates a group of environment copies and serves requests on them, one per
/// copy, in copy order.
final class VectorWorker: @unchecked Sendable {
    enum Request {
        case reset(UInt64?)
        /// A step, resetting the copy at once when it ends the episode if `autoreset`.
        case step([Float], autoreset: Bool)
        case snapshot
        case restore(EnvironmentSnapshot)
    }

    private let requests = Handoff<[Request]?>()
    private let answers = Handoff<[Result<Reply, any Error>]>()

    /// Starts the thread, makes `copies` environments on it and waits until they exist.
    init(spec: EnvironmentSpec, options: [String: String], copies: Range<Int>) throws {
        let thread = Thread { [self] in run(spec: spec, options: options, count: copies.count) }
        thread.name = "gait-env-\(copies.lowerBound)"
        thread.start()
        _ = try answers.take().first?.get()
    }

    /// Hands the thread one request per copy of its group (take the replies before the next).
    func submit(_ batch: [Request]) { requests.post(batch) }

    /// Ends the thread (once the last replies are taken).
    func stop() { requests.post(nil) }

    /// Waits for the replies to the last requests, one per copy.
    func replies() -> [Result<Reply, any Error>] { answers.take() }

    private func run(spec: EnvironmentSpec, options: [String: String], count: Int) {
        let environments: [any Environment]
        do {
            environments = try (0..<count).map { _ in try spec.make(options: options) }
        } catch {
            answers.post([.failure(error)])
            return
        }
        answers.post([.success(.created)])
        while let batch = requests.take() {
            answers.post(Self.serve(batch, on: environments))
        }
    }

    /// Serves request `i` on environment `i`.
    static func serve(_ batch: [Request], on environments: [any Environment]) -> [Result<Reply, any Error>] {
        zip(batch, environments).map { request, environment in Result { try Reply.serve(request, on: environment) } }
    }
}
