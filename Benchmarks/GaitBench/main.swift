// Throughput benchmarks, single-threaded unless a number of copies is given (release build):
//
//   swift run -c release gait-bench physics ROBOT|FILE.xml [PHYSICS_STEPS] [SUBSTEPS]
//       physics steps/s of a robot from Assets/robots (or any MJCF file) with random controls
//       and ground contact (defaults: 200000 steps, 10 per control step, as the walker tasks take)
//   (control steps/s of an environment: `gait bench env ID [--steps N] [--envs N]`)
//   swift run -c release gait-bench learn ENV AGENT STEPS [SEEDS] [name=value ...]
//       trains AGENT on ENV for STEPS environment steps with each seed (default 3 seeds: 1 2 3)
//       and prints each seed's final deterministic evaluation (10 episodes) and the mean
//   swift run -c release gait-bench random ENV [EPISODES]
//       the return of uniformly random actions in [-1, 1] (default 10 episodes, seeds 1, 2, …):
//       the baseline a learning curve is compared with
//   swift run -c release gait-bench nn
//       one SAC-sized critic update (batch 256, 23 → 256 → 256 → 1: forward, backward, Adam)
//       against raw cblas_sgemm on the same shapes, and a batch-1 actor forward 17 → 256 → 256 → 6
import Foundation
import COpenBLAS
import GaitAgents
import GaitAssets
import GaitCore
import GaitEnvs
import GaitNN
import GaitPhysics

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

func benchPhysics(robot: String, steps: Int, substeps: Int) throws -> String {
    let model: Model
    if robot.hasSuffix(".xml") {
        model = try Model(contentsOf: URL(fileURLWithPath: robot))
    } else if let text = RobotAssets.mjcf(robot) {
        model = try Model(mjcf: text, source: "\(robot).xml")
    } else {
        throw BenchError(description: "no robot '\(robot)'; choose one of \(RobotAssets.models.keys.sorted().joined(separator: ", ")) or name an MJCF file")
    }
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
    let rate = Double(calls * substeps) / elapsed.inSeconds
    return "\(robot): \(Int(rate)) physics steps/s (\(calls * substeps) steps, \(substeps) per control step, \(blowUps) blow-ups)"
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
    let updateTime = ContinuousClock().measure { for _ in 0..<repetitions { update() } }.inSeconds / Double(repetitions)
    let rawTime = ContinuousClock().measure { for _ in 0..<repetitions { rawProducts() } }.inSeconds / Double(repetitions)

    let actor = MLP(sizes: [17, 256, 256, 6], random: &random)
    let observation = Matrix(rows: 1, columns: 17, elements: (0..<17).map { _ in Float(random.uniform(-1...1)) })
    for _ in 0..<1000 { actor.forward(observation) }
    let calls = 100_000
    let forwardTime = ContinuousClock().measure { for _ in 0..<calls { actor.forward(observation) } }.inSeconds / Double(calls)
    let rawRate = flops / rawTime / 1e9, updateRate = flops / updateTime / 1e9
    return """
        critic update (batch 256, 23-256-256-1, forward + backward + Adam): \(String(format: "%.3f", updateTime * 1e3)) ms, \(String(format: "%.1f", updateRate)) GFLOP/s
        raw cblas_sgemm on the same shapes:                                \(String(format: "%.3f", rawTime * 1e3)) ms, \(String(format: "%.1f", rawRate)) GFLOP/s
        update / raw: \(String(format: "%.1f", 100 * updateRate / rawRate)) %
        actor forward, batch 1 (17-256-256-6): \(String(format: "%.2f", forwardTime * 1e6)) µs
        """
}

func benchRandomPolicy(id: String, episodes: Int) throws -> String {
    let spec = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self]).spec(id)
    let environment = try spec.make()
    var random = RandomSource(seed: 1)
    var returns: [Double] = []
    for episode in 1...UInt64(episodes) {
        _ = try environment.reset(seed: episode)
        var total = 0.0
        while true {
            let result = try environment.step((0..<spec.actionSize).map { _ in Float(random.uniform(-1...1)) })
            total += result.reward
            if result.isDone { break }
        }
        returns.append(total)
    }
    let mean = returns.reduce(0, +) / Double(episodes)
    let deviation = (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(episodes)).squareRoot()
    return "\(id): random actions return \(String(format: "%.1f", mean)) ± \(String(format: "%.1f", deviation)) over \(episodes) episodes"
}

func benchLearning(id: String, agentName: String, steps: Int, seeds: Int, overrides: [String: Double]) throws -> String {
    let registry = try EnvironmentRegistry(plugins: [BuiltinEnvironments.self])
    let spec = try registry.spec(id)
    var lines: [String] = []
    var finals: [Double] = []
    var optimalReturns: [Double] = []
    for seed in 1...UInt64(seeds) {
        let agent = try AgentRegistry.builtin.make(agentName, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                                   overrides: overrides, seed: seed)
        // lqr's returns vary a lot from start to start: evaluate on more episodes there.
        let settings = Trainer.Settings(seed: seed, evaluationInterval: max(steps / 10, 1), evaluationEpisodes: id == "lqr" ? 100 : 10)
        let trainer = try Trainer(spec: spec, agent: agent, settings: settings)
        var curve: [String] = []
        var throughput: [Double] = []
        let start = ContinuousClock.now
        try trainer.train(until: steps) { record in
            if let value = record.values["eval_return"] { curve.append("\(record.step):\(Int(value.rounded()))") }
            if let rate = record.values["steps_per_second"] { throughput.append(rate) }
        }
        let final = try trainer.evaluate()
        finals.append(final.mean)
        if id == "lqr" {
            // The Riccati-optimal policy on the same evaluation episodes.
            let environment = LQREnvironment(seed: 0)
            var optimal = 0.0
            for episode in 0..<trainer.settings.evaluationEpisodes {
                _ = environment.reset(seed: trainer.evaluationSeed &+ UInt64(episode))
                for _ in 0..<LQREnvironment.horizon { optimal += try environment.step(environment.optimalAction).reward }
            }
            optimalReturns.append(optimal / Double(trainer.settings.evaluationEpisodes))
        }
        let seconds = (ContinuousClock.now - start).inSeconds
        let steady = throughput.last.map { ", last 1000 steps at \(Int($0)) steps/s" } ?? ""
        lines.append("seed \(seed): eval \(String(format: "%.1f", final.mean)) ± \(String(format: "%.1f", final.standardDeviation)) "
            + "after \(steps) steps (\(Int(seconds)) s, \(Int(Double(steps) / max(seconds, 1e-9))) steps/s overall\(steady)); "
            + "curve \(curve.joined(separator: " "))")
    }
    let mean = finals.reduce(0, +) / Double(finals.count)
    if id == "lqr" {
        let optimal = optimalReturns.map { String(format: "%.2f", $0) }.joined(separator: " ")
        let gaps = zip(finals, optimalReturns).map { String(format: "%+.1f%%", 100 * ($0 / $1 - 1)) }.joined(separator: " ")
        let meanGap = 100 * (finals.reduce(0, +) / optimalReturns.reduce(0, +) - 1)
        let expected = String(format: "%.2f", LQREnvironment.solution.expectedReturn)
        lines.append("lqr: optimal return on each seed's evaluation episodes \(optimal) (expected \(expected)); "
            + "cost above optimal per seed: \(gaps) (mean \(String(format: "%+.1f%%", meanGap)))")
    }
    lines.append("peak memory (VmHWM): \(peakMemory())")
    lines.append("\(agentName) on \(id): mean eval return \(String(format: "%.1f", mean)) over \(seeds) seeds; "
        + "hyperparameters \(overrides.isEmpty ? "defaults" : overrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    return lines.joined(separator: "\n")
}

/// The process's peak resident memory, from /proc/self/status.
func peakMemory() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "unknown"
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
    case ("learn", let id?) where arguments.count >= 4:
        let extra = arguments.dropFirst(4)
        let seeds = extra.first.flatMap(Int.init) ?? 3
        var overrides: [String: Double] = [:]
        for pair in extra.drop(while: { Int($0) != nil }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw BenchError(description: "'\(pair)' is not name=number")
            }
            overrides[parts[0]] = value
        }
        print(try benchLearning(id: id, agentName: arguments[2], steps: try number(3, 10_000), seeds: seeds, overrides: overrides))
    case ("random", let id?):
        print(try benchRandomPolicy(id: id, episodes: try number(2, 10)))
    case ("nn", _):
        print(benchNetworks())
    default:
        throw BenchError(description: "usage: gait-bench physics ROBOT|FILE.xml [STEPS] [SUBSTEPS] | gait-bench random ENV [EPISODES] | gait-bench nn | gait-bench learn ENV AGENT STEPS [SEEDS] [name=value ...]")
    }
} catch {
    FileHandle.standardError.write(Data("gait-bench: \(error)\n".utf8))
    exit(1)
}
