// Throughput benchmarks, single-threaded unless a number of copies is given (release build):
//
//   swift run -c release gait-bench physics ROBOT [PHYSICS_STEPS] [SUBSTEPS]
//       physics steps/s of a robot from Assets/robots with random controls and ground contact
//       (defaults: 200000 steps, 10 per control step, as the walker tasks take)
//   swift run -c release gait-bench env ID [CONTROL_STEPS] [COPIES]
//       control steps/s of a registered environment with random actions; with COPIES > 1, a
//       vector environment with one worker thread per copy (defaults: 100000 steps, 1 copy)
//   swift run -c release gait-bench nn
//       one SAC-sized critic update (batch 256, 23 → 256 → 256 → 1: forward, backward, Adam)
//       against raw cblas_sgemm on the same shapes, and a batch-1 actor forward 17 → 256 → 256 → 6
import Foundation
import COpenBLAS
import GaitAssets
import GaitCore
import GaitEnvs
import GaitNN
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

func benchNetworks() -> String {
    var random = RandomSource(seed: 1)
    let sizes = [23, 256, 256, 1], batch = 256
    let critic = MLP(sizes: sizes, random: &random)
    let adam = Adam(for: critic)
    let input = Matrix(rows: batch, columns: 23, elements: (0..<batch * 23).map { _ in Float(random.uniform(-1...1)) })
    let target = Matrix(rows: batch, columns: 1, elements: (0..<batch).map { _ in Float(random.uniform(-1...1)) })
    let gradient = Matrix(rows: batch, columns: 1)
    func update() {
        let prediction = critic.forward(input)
        _ = MeanSquaredError.loss(prediction: prediction, target: target, gradient: gradient)
        critic.backward(gradient)
        adam.update(critic)
    }
    // The products one update makes: forward x·Wᵀ per layer, dW = δᵀ·x per layer, dx = δ·W above layer 0.
    var shapes: [(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int)] = []
    for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
        shapes.append((false, true, batch, outputs, inputs))
        shapes.append((true, false, outputs, inputs, batch))
    }
    for (inputs, outputs) in zip(sizes.dropFirst(), sizes.dropFirst(2)) { shapes.append((false, false, batch, inputs, outputs)) }
    let flops = Double(shapes.reduce(0) { $0 + 2 * $1.m * $1.n * $1.k })
    let a = [Float](repeating: 0.5, count: 256 * 256), b = [Float](repeating: 0.25, count: 256 * 256)
    var c = [Float](repeating: 0, count: 256 * 256)
    func rawProducts() {
        for shape in shapes {
            cblas_sgemm(CblasRowMajor, shape.transposeA ? CblasTrans : CblasNoTrans, shape.transposeB ? CblasTrans : CblasNoTrans,
                        Int32(shape.m), Int32(shape.n), Int32(shape.k), 1, a, Int32(shape.transposeA ? shape.m : shape.k),
                        b, Int32(shape.transposeB ? shape.k : shape.n), 0, &c, Int32(shape.n))
        }
    }
    let repetitions = 400
    for _ in 0..<20 { update(); rawProducts() }
    let updateTime = seconds(ContinuousClock().measure { for _ in 0..<repetitions { update() } }) / Double(repetitions)
    let rawTime = seconds(ContinuousClock().measure { for _ in 0..<repetitions { rawProducts() } }) / Double(repetitions)

    let actor = MLP(sizes: [17, 256, 256, 6], random: &random)
    let observation = Matrix(rows: 1, columns: 17, elements: (0..<17).map { _ in Float(random.uniform(-1...1)) })
    for _ in 0..<1000 { actor.forward(observation) }
    let calls = 100_000
    let forwardTime = seconds(ContinuousClock().measure { for _ in 0..<calls { actor.forward(observation) } }) / Double(calls)
    let rawRate = flops / rawTime / 1e9, updateRate = flops / updateTime / 1e9
    return """
        critic update (batch 256, 23-256-256-1, forward + backward + Adam): \(String(format: "%.3f", updateTime * 1e3)) ms, \(String(format: "%.1f", updateRate)) GFLOP/s
        raw cblas_sgemm on the same shapes:                                \(String(format: "%.3f", rawTime * 1e3)) ms, \(String(format: "%.1f", rawRate)) GFLOP/s
        update / raw: \(String(format: "%.1f", 100 * updateRate / rawRate)) %
        actor forward, batch 1 (17-256-256-6): \(String(format: "%.2f", forwardTime * 1e6)) µs
        """
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
    case ("nn", _):
        print(benchNetworks())
    case ("env", let id?):
        print(try benchEnvironment(id: id, steps: try number(2, 100_000), copies: try number(3, 1)))
    default:
        throw BenchError(description: "usage: gait-bench physics ROBOT [STEPS] [SUBSTEPS] | gait-bench env ID [STEPS] [COPIES] | gait-bench nn")
    }
} catch {
    FileHandle.standardError.write(Data("gait-bench: \(error)\n".utf8))
    exit(1)
}
