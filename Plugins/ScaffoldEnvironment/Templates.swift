/// The files `scaffold-environment` writes.
enum Templates {
    /// A point mass on a line that must come to rest at a random target: small, complete (seeded
    /// resets, snapshots, reward terms in `info`) and ready to be replaced by the real task.
    static func environment(name: String, id: String) -> String {
        """
        import GaitCore

        /// \(name): a point mass on a line, pushed by the action, must come to rest on a target
        /// drawn at each reset. Replace the dynamics and reward with your task; keep `reset`
        /// seeded and `snapshot`/`restore` complete so that `gait check \(id)` passes.
        public final class \(name)Environment: Environment {
            /// Seconds per step, and the force (N) an action of 1 applies to the 1 kg mass.
            public static let dt = 0.05, maxForce = 1.0

            public let observationSpace = Box.unbounded(3)
            public let actionSpace = Box.actions(1)

            /// Position, velocity and the target position.
            public private(set) var position = 0.0, velocity = 0.0, target = 0.0
            private var random: RandomSource
            private var info = Info(["distance": 0, "control": 0])

            /// An environment whose first unseeded reset draws from `seed` (or system randomness).
            public init(seed: UInt64? = nil) { random = RandomSource(seed: seed ?? .random(in: .min ... .max)) }

            public func reset(seed: UInt64?) -> (observation: [Float], info: Info) {
                if let seed { random = RandomSource(seed: seed) }
                position = random.uniform(-1...1)
                velocity = 0
                target = random.uniform(-1...1)
                return (observation, Info())
            }

            public func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
                guard action.count == 1 else { throw .wrongActionSize(expected: 1, got: action.count) }
                let force = Self.maxForce * Double(min(max(action[0], -1), 1))
                velocity += force * Self.dt
                position += velocity * Self.dt
                let distance = abs(position - target)
                info["distance"] = distance
                info["control"] = force * force
                let reward = -distance - 0.1 * abs(velocity) - 0.01 * force * force
                return StepResult(observation: observation, reward: reward, terminated: false, truncated: false, info: info)
            }

            private var observation: [Float] { [Float(position), Float(velocity), Float(target)] }

            /// Everything that decides the future: the state and the random generator.
            public func snapshot() -> EnvironmentSnapshot {
                EnvironmentSnapshot(["state": [position, velocity, target], "random": random.exactValues])
            }

            public func restore(_ snapshot: EnvironmentSnapshot) throws(EnvironmentError) {
                let state = try snapshot.values("state", count: 3)
                (position, velocity, target, random) = (state[0], state[1], state[2], try snapshot.random())
            }
        }

        """
    }

    /// The entry added to `BuiltinEnvironments.environments`.
    static func registration(name: String, id: String) -> String {
        """
                    EnvironmentSpec(id: "\(id)", summary: "\(name): bring a point mass to rest on a target",
                                    tags: ["scaffolded"], maxEpisodeSteps: 200, observationSize: 3, actionSize: 1) { seed, options in
                        try requireNoOptions(options)
                        return \(name)Environment(seed: seed)
                    },

        """
    }

    /// A test that runs the environment checker on the new environment.
    static func test(name: String, id: String) -> String {
        """
        import GaitCore
        import GaitEnvs
        import Testing

        @Test func \(name.prefix(1).lowercased() + name.dropFirst())KeepsTheEnvironmentContract() throws {
            let registry = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self])
            let report = EnvironmentChecker().check(try registry.spec("\(id)"))
            #expect(report.passed, "\\(report)")
        }

        """
    }
}
