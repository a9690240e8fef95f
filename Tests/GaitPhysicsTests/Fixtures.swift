import Foundation
@testable import GaitPhysics

/// Models and helpers shared by the physics tests.
enum Fixtures {
    /// The repository's `Assets/robots` folder.
    static let robots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets/robots")

    /// Loads a robot from `Assets/robots`.
    static func robot(_ name: String) throws -> Model {
        try Model(contentsOf: robots.appendingPathComponent("\(name).xml"))
    }

    /// A point-like bob on a massless-looking rod: a sphere of radius `radius` at distance
    /// `length` below a hinge about y at the origin, tilted to `angle` radians.
    static func pendulum(length: Double = 1, radius: Double = 0.01, damping: Double = 0,
                         timestep: Double = 0.001) throws -> Model {
        try Model(mjcf: """
            <mujoco model="pendulum">
              <compiler angle="radian"/>
              <option timestep="\(timestep)" gravity="0 0 -9.81"/>
              <worldbody>
                <body name="bob" pos="0 0 0">
                  <joint name="swing" type="hinge" axis="0 1 0" damping="\(damping)"/>
                  <geom name="bob" type="sphere" size="\(radius)" pos="0 0 -\(length)" mass="1"/>
                </body>
              </worldbody>
              <actuator><motor joint="swing" gear="1"/></actuator>
            </mujoco>
            """)
    }

    /// One free body of the given geom markup, starting at `height`, above an optional floor.
    static func freeBody(_ geom: String, height: Double, floor: Bool = true, timestep: Double = 0.001) throws -> Model {
        try Model(mjcf: """
            <mujoco model="free">
              <option timestep="\(timestep)"/>
              <worldbody>
                \(floor ? #"<geom name="floor" type="plane" size="10 10 0.1"/>"# : "")
                <body name="thing" pos="0 0 \(height)">
                  <freejoint/>
                  \(geom)
                </body>
              </worldbody>
            </mujoco>
            """)
    }

    /// Deterministic pseudo-random controls in [-1, 1] for step `index`.
    static func controls(count: Int, step index: Int, seed: UInt64 = 1) -> [Double] {
        (0..<count).map { k in
            var x = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(k) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            x ^= x >> 31
            return Double(x >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// Steps `simulation` for `count` control steps with the fixed random controls and returns
    /// the state after each.
    static func trajectory(_ simulation: Simulation, steps count: Int, substeps: Int, from first: Int = 0) throws -> [SimulationState] {
        try (first..<first + count).map { index in
            try simulation.step(controls: controls(count: simulation.model.actuators.count, step: index), substeps: substeps)
            return simulation.state()
        }
    }
}
