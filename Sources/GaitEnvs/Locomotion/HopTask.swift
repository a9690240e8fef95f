import Foundation
import GaitCore
import GaitPhysics

/// dm_control's hopper family: keep the torso well above the foot and either stand still with
/// small controls (`speed` 0) or hop forward at `speed`.
public struct HopTask: PhysicsTask {
    public let substeps: Int
    /// The forward speed (m/s) to hop at; 0 for standing.
    public let speed: Double
    /// Torso-above-foot heights counted as standing.
    public let heightRange: ClosedRange<Double>
    private let torso: Int
    private let foot: Int
    private let touchAreas: [TouchArea]

    /// A hop task on `model` with the given torso and foot bodies; `touch` names the touch
    /// sensors (or geoms) the foot senses touch with.
    public init(model: Model, torso: String = "torso", foot: String = "foot", touch: [String] = ["touch_toe", "touch_heel"],
                speed: Double, heightRange: ClosedRange<Double> = 0.6...2, substeps: Int = 4) throws(TaskError) {
        self.torso = try model.requireBody(torso, for: "hop")
        self.foot = try model.requireBody(foot, for: "hop")
        var areas: [TouchArea] = []
        for name in touch { areas.append(try model.requireTouch(name, for: "hop")) }
        touchAreas = areas
        try model.requirePlanar(for: "hop")
        self.speed = speed
        self.heightRange = heightRange
        self.substeps = substeps
    }

    public func reset(_ simulation: Simulation, random: inout RandomSource) throws(PhysicsError) {
        try simulation.randomizeJoints(&random, rotational: true)
    }

    /// Joint positions except the root's x, all joint velocities, then log(1 + touch force) of
    /// each touch sensor or geom.
    public func observe(_ readings: Void, of simulation: Simulation, into writer: inout ObservationWriter) {
        simulation.appendJointState(to: &writer, skippingPositions: 1)
        writer.part("touch")
        for area in touchAreas { writer.add(log1p(area.force(in: simulation))) }
    }

    public func reward(_ readings: Void, of simulation: Simulation, actions: [Double], info: inout Info) -> Double {
        let model = simulation.model
        let height = model.centerOfMass(of: torso, in: simulation).z - model.centerOfMass(of: foot, in: simulation).z
        let standing = tolerance(height, bounds: (heightRange.lowerBound, heightRange.upperBound))
        info["standing"] = standing
        guard speed > 0 else {
            let small = smallControl(actions)
            info["small_control"] = small
            return standing * small
        }
        let hopping = tolerance(simulation.subtreeLinearVelocity(torso).x, bounds: (speed, .infinity),
                                margin: speed / 2, sigmoid: .linear, valueAtMargin: 0.5)
        info["hopping"] = hopping
        return standing * hopping
    }
}
