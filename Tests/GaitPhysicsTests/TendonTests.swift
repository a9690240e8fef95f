import Testing
@testable import GaitPhysics

/// Tendons that act on the motion by themselves: springs on fixed tendons and limits on spatial
/// ones (the Python tests follow MuJoCo's own trajectories through them).
@Suite("Tendon springs and limits")
struct TendonTests {
    @Test("a tendon spring rests at the length the springrefs give, or is slack between two springlengths")
    func tendonSpring() throws {
        func spring(_ length: String) throws -> Model.TendonSpring {
            try #require(Model(mjcf: """
                <mujoco><compiler angle="radian"/><worldbody><body><joint name="a" axis="0 1 0" springref="0.4"/><geom size="0.1"/>
                <body><joint name="b" axis="1 0 0" springref="0.2"/><geom size="0.1"/></body></body></worldbody>
                <tendon><fixed name="t" stiffness="3" \(length)><joint joint="a" coef="1"/><joint joint="b" coef="-2"/></fixed></tendon></mujoco>
                """).tendonSprings.first)
        }
        let resting = try spring("")
        #expect(resting.restLengths == 0...0 && resting.terms.map(\.coefficient) == [1, -2])
        #expect(resting.force(length: 0.5) == -1.5)
        let slack = try spring(#"springlength="-0.1 0.3""#)
        #expect(slack.force(length: 0.2) == 0 && slack.force(length: 0.5) == 3 * (0.3 - 0.5) && abs(slack.force(length: -0.3) - 0.6) < 1e-12)
    }

    @Test("a ball on a string from a fixed site falls until the string is taut and then swings on it, never much farther")
    func string() throws {
        let model = try Model(mjcf: """
            <mujoco><option timestep="0.002"/><worldbody><site name="hook" pos="0 0 2"/>
            <body pos="0.2 0 1.9"><freejoint/><geom size="0.05"/><site name="knot"/></body></worldbody>
            <tendon><spatial limited="true" range="0 0.5"><site site="hook"/><site site="knot"/></spatial></tendon></mujoco>
            """)
        let limit = try #require(model.tendonLimits.first)
        #expect(limit.sites == [0, 1] && limit.range == 0...0.5 && limit.weight > 0)
        let simulation = Simulation(model: model)
        var longest = 0.0
        for _ in 0..<1000 {
            try simulation.step(controls: [])
            longest = max(longest, (simulation.bodyPosition(1) - Vector3(0, 0, 2)).length)
        }
        #expect(longest > 0.5 && longest < 0.52, "the string stretches as MuJoCo's soft limit lets it: \(longest)")
        #expect(simulation.bodyPosition(1).z < 1.6, "it hangs below the hook")
    }
}
