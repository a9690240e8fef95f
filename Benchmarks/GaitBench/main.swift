// Throughput benchmarks, single-threaded unless a number of copies is given (release build):
//
//   swift run -c release gait-bench physics ROBOT [PHYSICS_STEPS] [SUBSTEPS]
//       physics steps/s of a robot from Assets/robots with random controls and ground contact
//       (defaults: 200000 steps, 10 per control step, as the walker tasks take)
//   swift run -c release gait-bench env ID [CONTROL_STEPS] [COPIES]
//       control steps/s of a registered environment with random actions; with COPIES > 1, a
//       vector environment with one worker thread per copy (defaults: 100000 steps, 1 copy)
import Foundation
import GaitAssets
import GaitCore
import GaitEnvs
import GaitPhysics

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func benchPhysics(robot: String, steps: Int, substeps: Int) throws -> String {
    guard let text = RobotAssets.mjcf(robot) else {
        throw BenchError(description: "no robot '\(robot)'; choose one of \(RobotAssets.models.keys.sorted().joined(separator: ", "))")
    }
    let model = try Model(mjcf: text, source: "\(robot).xml")
    let simulation = Simulation(model: model)
    var controls = [Double](repeating: 0, count: model.actuators.count)
    var random = RandomSource(seed: 1)
    var blowUps = 0
    let calls = steps / substeps
    let elapsed = ContinuousClock().measure {
        for _ in 0..<calls {
            for index in controls.indices { controls[index] = random.uniform(-1...1) }
            do {
                try simulation.step(controls: controls, substeps: substeps)
            } catch {
                blowUps += 1
                simulation.reset()
            }
        }
    }
    let rate = Double(calls * substeps) / seconds(elapsed)
    return "\(robot): \(Int(rate)) physics steps/s (\(calls * substeps) steps, \(substeps) per control step, \(blowUps) blow-ups)"
}

func benchEnvironment(id: String, steps: Int, copies: Int) throws -> String {
    let registry = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self])
    let spec = try registry.spec(id)
    var random = RandomSource(seed: 1)
    func action() -> [Float] { (0..<spec.actionSize).map { _ in Float(random.uniform(-1...1)) } }
    let rounds = steps / copies
    let elapsed: Duration
    if copies == 1 {
        let environment = try spec.make(seed: 1)
        _ = environment.reset(seed: 1)
        let actions = (0..<1000).map { _ in action() }
        elapsed = try ContinuousClock().measure {
            for index in 0..<rounds {
                if try environment.step(actions[index % 1000]).isDone { _ = environment.reset(seed: nil) }
            }
        }
    } else {
        let vector = try VectorEnvironment(spec: spec, count: copies)
        _ = vector.reset(seed: 1)
        let actions = (0..<1000).map { _ in (0..<copies).map { _ in action() } }
        elapsed = try ContinuousClock().measure {
            for index in 0..<rounds { _ = try vector.step(actions[index % 1000]) }
        }
    }
    let rate = Double(rounds * copies) / seconds(elapsed)
    return "\(id): \(Int(rate)) control steps/s (\(rounds * copies) steps, \(copies) \(copies == 1 ? "copy" : "copies"))"
}

let arguments = Array(CommandLine.arguments.dropFirst())
func number(_ index: Int, _ fallback: Int) throws -> Int {
    guard index < arguments.count else { return fallback }
    guard let value = Int(arguments[index]), value > 0 else {
        throw BenchError(description: "'\(arguments[index])' is not a positive whole number")
    }
    return value
}

do {
    switch (arguments.first, arguments.count > 1 ? arguments[1] : nil) {
    case ("physics", let robot?):
        print(try benchPhysics(robot: robot, steps: try number(2, 200_000), substeps: try number(3, 10)))
    case ("env", let id?):
        print(try benchEnvironment(id: id, steps: try number(2, 100_000), copies: try number(3, 1)))
    default:
        throw BenchError(description: "usage: gait-bench physics ROBOT [STEPS] [SUBSTEPS] | gait-bench env ID [STEPS] [COPIES]")
    }
} catch {
    FileHandle.standardError.write(Data("gait-bench: \(error)\n".utf8))
    exit(1)
}
