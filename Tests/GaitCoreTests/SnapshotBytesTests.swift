import Testing
@testable import GaitCore

@Suite("Snapshot bytes")
struct SnapshotBytesTests {
    let snapshot = EnvironmentSnapshot(["simulation.bodies": [1.5, -0.0, .pi, Double.leastNonzeroMagnitude],
                                        "random": [3, 4, 5, 6], "time_limit.elapsed_steps": [17]])

    @Test("bytes round-trip every part and value bit for bit")
    func roundTrip() throws {
        let decoded = try EnvironmentSnapshot(encoded: snapshot.encoded(environment: "pendulum", version: 1), environment: "pendulum", version: 1)
        #expect(decoded == snapshot)
        #expect(decoded.parts.flatMap(\.values).map(\.bitPattern) == snapshot.parts.flatMap(\.values).map(\.bitPattern))
    }

    @Test("damaged, truncated, extended and foreign bytes are refused with a reason")
    func damaged() {
        let bytes = snapshot.encoded(environment: "pendulum", version: 1)
        for (mutated, reason) in [(Array(bytes[0..<bytes.count / 2]), "damaged"), (bytes + [0], "damaged"),
                                  (Array("GAITEPIS".utf8) + bytes.dropFirst(8), "not a Gait snapshot"), ([], "not a Gait snapshot")] {
            #expect {
                try EnvironmentSnapshot(encoded: mutated, environment: "pendulum", version: 1)
            } throws: { error in
                "\(error)".contains(reason)
            }
        }
        for index in stride(from: 8, to: bytes.count, by: 7) {
            var flipped = bytes
            flipped[index] ^= 0x5A
            #expect(throws: EnvironmentError.self) { try EnvironmentSnapshot(encoded: flipped, environment: "pendulum", version: 1) }
        }
    }

    @Test("bytes restore only into the environment and version that took them")
    func identity() {
        let bytes = snapshot.encoded(environment: "cheetah-run", version: 1)
        for (environment, version) in [("walker-run", 1), ("cheetah-run", 2)] {
            #expect {
                try EnvironmentSnapshot(encoded: bytes, environment: environment, version: version)
            } throws: { error in
                "\(error)".contains("taken from cheetah-run version 1; this environment is \(environment) version \(version)")
            }
        }
    }
}
