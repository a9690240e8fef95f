import ArgumentParser
import Foundation
import GaitPhysics

/// `gait model FILE`: compiles an MJCF file as Gait does and says what it made of it.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model", abstract: "Compile an MJCF model file and show what Gait simulates of it.",
        discussion: "Prints the model's size and mass, and one line for each kind of thing Gait ignores or approximates (rendering, solver options, contact softness …). A model Gait cannot simulate as written is refused with one error naming the file, line, element and why.")

    @Argument(help: "The MJCF file (its <include>s are read relative to it).")
    var file: String

    @Flag(help: "Print the compiled model as JSON: bodies (pos, quat, mass, center, inertia), joints, actuators, sites, keyframes, notices.")
    var json = false

    func run() throws {
        let model = try Model(contentsOf: URL(fileURLWithPath: file))
        if json { return try Console.printJSON(CompiledModel(model)) }
        let rows = [
            ["model", model.name.isEmpty ? "(unnamed)" : model.name],
            ["bodies", "\(model.bodies.count - 1), \(String(format: "%.4g", model.totalMass)) kg in all"],
            ["joints", "\(model.joints.count) (\(model.positionCount) positions, \(model.velocityCount) velocities)\(model.isPlanar ? ", planar" : "")"],
            ["geoms", "\(model.geoms.count)"], ["sites", "\(model.sites.count)"],
            ["actuators", "\(model.actuators.count)"], ["keyframes", "\(model.keyframes.count)"],
            ["time step", "\(model.timestep) s"],
        ]
        print(TextTable.render(rows), terminator: "")
        for notice in model.notices { print("note: \(notice)") }
    }
}
