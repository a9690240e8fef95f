// Measures single-threaded physics throughput: one robot from Assets/robots stepped with random
// controls (a new draw per control step) and ground contacts, in a release build.
//
//   swift run -c release gait-bench-physics [ROBOT] [PHYSICS_STEPS] [SUBSTEPS]
//   (defaults: walker 200000 10: the walker tasks' 10 physics steps per control step)
import Foundation
import GaitPhysics

let arguments = CommandLine.arguments.dropFirst()
let robot = arguments.first ?? "walker"
let physicsSteps = arguments.dropFirst().first.flatMap(Int.init) ?? 200_000
let substeps = arguments.dropFirst(2).first.flatMap(Int.init) ?? 10
let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Assets/robots")

do {
    guard physicsSteps > 0, substeps > 0 else {
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "steps and substeps must be positive"])
    }
    let model = try Model(contentsOf: assets.appendingPathComponent("\(robot).xml"))
    let simulation = Simulation(model: model)
    var controls = [Double](repeating: 0, count: model.actuators.count)
    var random: UInt64 = 0x9E37_79B9_7F4A_7C15
    var blowUps = 0
    var contacts = 0
    let calls = physicsSteps / substeps
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for _ in 0..<calls {
            for index in controls.indices {
                random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                controls[index] = Double(random >> 11) / Double(1 << 53) * 2 - 1
            }
            do {
                try simulation.step(controls: controls, substeps: substeps)
            } catch {
                blowUps += 1
                simulation.reset()
            }
            contacts += simulation.contactCount
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let rate = Double(calls * substeps) / seconds
    print("\(robot): \(Int(rate)) physics steps/s (\(calls * substeps) steps, \(substeps) per control step, "
        + "mean \(String(format: "%.1f", Double(contacts) / Double(calls))) contacts, \(blowUps) blow-ups)")
} catch {
    FileHandle.standardError.write(Data("gait-bench-physics: \(error)\n".utf8))
    exit(1)
}
