import ArgumentParser
import Foundation
import GaitPhysics
import GaitRuns

/// `gait model FILE`: compiles an MJCF file as Gait does and says what it made of it.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Compile an MJCF model file and show what Gait simulates of it.",
        discussion: "Prints the model's size and mass, and one line for each kind of thing Gait ignores or approximates (rendering, solver options, contact softness …). A model Gait cannot simulate as written is refused with one error naming the file, line, element and why.")

    @Argument(help: "The MJCF file (its <include>s are read relative to it).")
    var file: String

    @Flag(help: "Print the compiled model as JSON: bodies (pos, quat, mass, center, inertia), geoms, joints, actuators, sites, keyframes, notices.")
    var json = false

    @Option(parsing: .unconditional, help: "Simulate this many seconds from the start state, with constant controls, and print the time and generalized positions (qpos) after every physics step (with --json also the velocities, qvel, and the sensors' readings).")
    var simulate: Double?

    @Option(parsing: .unconditional, help: "With --simulate: one control per actuator, separated by spaces (default the keyframe's, or all 0).")
    var controls: String?

    @Option(help: "With --simulate: the keyframe to start from (default the model's reference configuration).")
    var keyframe: String?

    func validate() throws {
        if let simulate, !(simulate > 0 && simulate <= 3_600) {
            throw ValidationError("--simulate must be a number of seconds above 0 and at most 3600")
        }
        if simulate == nil, controls != nil || keyframe != nil {
            throw ValidationError("--controls and --keyframe go with --simulate")
        }
    }

    func run() throws {
        let model = try Model(contentsOf: URL(fileURLWithPath: file))
        if let simulate { return try printTrajectory(model, seconds: simulate) }
        if json { return try Console.printJSON(CompiledModel(model)) }
        let rows = [
            ["model", model.name.isEmpty ? "(unnamed)" : model.name],
            ["bodies", "\(model.bodies.count - 1), \(String(format: "%.4g", model.totalMass)) kg in all"],
            ["joints", "\(model.joints.count) (\(model.positionCount) positions, \(model.velocityCount) velocities)\(model.isPlanar ? ", planar" : "")"],
            ["geoms", "\(model.geoms.count)"], ["sites", "\(model.sites.count)"],
            ["actuators", "\(model.actuators.count)"], ["equalities", "\(model.equalities.count)"],
            ["keyframes", "\(model.keyframes.count)"],
            ["time step", "\(model.timestep) s"],
        ]
        print(TextTable.render(rows), terminator: "")
        for notice in model.notices { print("note: \(notice)") }
    }

    private func printTrajectory(_ model: Model, seconds: Double) throws {
        guard seconds / model.timestep <= Double(ModelTrajectory.maximumSteps) else {
            throw CLIError.usage("--simulate \(seconds) is more than \(ModelTrajectory.maximumSteps) steps of \(model.timestep) s; simulate less")
        }
        guard seconds >= model.timestep / 2 else {
            throw CLIError.usage("--simulate \(seconds) is less than half of one physics step (\(model.timestep) s); simulate at least \(model.timestep)")
        }
        let words = (controls ?? "").split(whereSeparator: { $0 == " " || $0 == "," })
        let values = words.compactMap { Double($0) }.filter(\.isFinite)
        guard values.count == words.count, controls == nil || values.count == model.actuators.count else {
            throw CLIError.usage("--controls takes \(model.actuators.count) numbers (one per actuator), not '\(controls ?? "")'")
        }
        var start: Model.Keyframe?
        if let keyframe {
            guard let named = model.keyframe(named: keyframe) else {
                throw CLIError.usage(model.missingKeyframe(keyframe))
            }
            start = named
        }
        let defaults = start?.controls ?? [Double](repeating: 0, count: model.actuators.count)
        let trajectory = try ModelTrajectory(model: model, start: start, controls: values.isEmpty ? defaults : values, seconds: seconds)
        if json { return try Console.printJSON(trajectory, pretty: false) }
        for (time, q) in zip(trajectory.time, trajectory.qpos) {
            print(([time] + q).map { String(format: "%.9g", $0) }.joined(separator: " "))
        }
    }
}
