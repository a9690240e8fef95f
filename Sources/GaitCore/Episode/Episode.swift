import Foundation

/// One recorded episode: what was done, what was seen, and full state snapshots to verify a
/// re-simulation against. Files round-trip exactly (floats bit for bit).
public struct Episode: Sendable, Equatable {
    /// Identity and settings of the recording.
    public struct Header: Codable, Sendable, Equatable {
        /// The file format's version.
        public var formatVersion: Int
        /// The environment's id and version.
        public var environmentID: String
        public var environmentVersion: Int
        /// The seed passed to `reset` (nil: the episode starts from the initial snapshot).
        public var seed: UInt64?
        /// The Gait version that recorded the episode.
        public var gaitVersion: String
        /// The environment's simulation settings (time step, sub-steps, solver …).
        public var settings: [String: String]
        /// Component counts.
        public var observationSize: Int
        public var actionSize: Int
        /// A snapshot is kept at the start, after every `snapshotInterval` steps and at the end.
        public var snapshotInterval: Int
    }

    /// A full environment state after `step` steps (0: right after reset).
    public struct Snapshot: Sendable, Equatable {
        public var step: Int
        public var state: EnvironmentSnapshot

        public init(step: Int, state: EnvironmentSnapshot) {
            self.step = step
            self.state = state
        }
    }

    /// The current file format version (2: snapshots are named parts).
    public static let formatVersion = 2

    public var header: Header
    /// The observation returned by `reset`.
    public var initialObservation: [Float]
    /// Per step: the action taken (as given, before clipping), and what came back.
    public var actions: [[Float]] = []
    public var observations: [[Float]] = []
    public var rewards: [Double] = []
    public var terminated: [Bool] = []
    public var truncated: [Bool] = []
    /// State snapshots, in step order.
    public var snapshots: [Snapshot] = []

    /// Starts an episode record.
    public init(header: Header, initialObservation: [Float]) {
        self.header = header
        self.initialObservation = initialObservation
    }

    /// The number of steps recorded.
    public var count: Int { actions.count }

    /// The sum of the rewards.
    public var totalReward: Double { rewards.reduce(0, +) }

    /// Appends one step.
    public mutating func append(action: [Float], result: StepResult) {
        actions.append(action)
        observations.append(result.observation)
        rewards.append(result.reward)
        terminated.append(result.terminated)
        truncated.append(result.truncated)
    }
}
