import Foundation
import Testing
import GaitCore
@testable import GaitNN

@Suite("Optimisation and initialisation")
struct OptimizerTests {
    @Test("Adam's first steps match the paper's update computed by hand")
    func adamSteps() {
        let adam = Adam(parameterCount: 2, learningRate: 0.1)
        var parameters: [Float] = [1, -2]
        var theta = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
        for (step, gradient) in [[0.5, 3.0], [-0.25, 1.0], [2.0, -0.5]].enumerated() {
            var g = gradient.map(Float.init)
            parameters.withUnsafeMutableBufferPointer { p in g.withUnsafeMutableBufferPointer { adam.update(p, gradients: $0) } }
            let t = Double(step + 1)
            for i in 0..<2 {
                m[i] = 0.9 * m[i] + 0.1 * gradient[i]
                v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i]
                let mHat = m[i] / (1 - pow(0.9, t)), vHat = v[i] / (1 - pow(0.999, t))
                theta[i] -= 0.1 * mHat / (vHat.squareRoot() + 1e-8)
                #expect(abs(Double(parameters[i]) - theta[i]) < 1e-6, "step \(step + 1), parameter \(i)")
            }
        }
        #expect(abs(theta[0] - 0.9) > 0.05, "the parameters moved")
        #expect(adam.step == 3)
    }

    @Test("gradient clipping scales the global norm; Polyak averaging and copies")
    func parameterOperations() {
        var random = RandomSource(seed: 1)
        let a = MLP(sizes: [1, 1], random: &random), b = MLP(sizes: [1, 1], random: &random)
        a.gradients[0] = 3
        a.gradients[1] = 0
        b.gradients[0] = 0
        b.gradients[1] = 4
        #expect(MLP.clipGradientNorm([a, b], maxNorm: 1) == 5)
        #expect(abs(a.gradients[0] - 0.6) < 1e-6 && abs(b.gradients[1] - 0.8) < 1e-6)
        #expect(MLP.clipGradientNorm([a, b], maxNorm: 10) < 1.0001, "below the limit nothing changes")
        let (before, source) = (a.parameters[0], b.parameters[0])
        a.polyakUpdate(from: b, tau: 0.1)
        #expect(abs(a.parameters[0] - (0.1 * source + 0.9 * before)) < 1e-6)
        a.copyParameters(from: b)
        #expect(Array(a.parameters) == Array(b.parameters))
    }

    @Test("PyTorch's default initialisation stays within ±1/√fan_in and fills the range")
    func defaultInitialization() {
        var random = RandomSource(seed: 2)
        let network = MLP(sizes: [64, 32], random: &random)
        let bound: Float = 1 / 8
        #expect(network.parameters.allSatisfy { abs($0) <= bound })
        #expect(network.parameters.max()! > 0.9 * bound && network.parameters.min()! < -0.9 * bound)
    }

    @Test("orthogonal initialisation gives W·Wᵀ = gain²·I, zero biases", arguments: [(8, 3), (3, 8)])
    func orthogonalInitialization(inputs: Int, outputs: Int) {
        var random = RandomSource(seed: 3)
        let gain = Float(2).squareRoot()
        let network = MLP(sizes: [inputs, outputs], initialization: .orthogonal(hidden: 1, output: gain), random: &random)
        let w = network.parameters
        let small = min(inputs, outputs)
        for i in 0..<small {
            for j in 0..<small {
                var dot: Float = 0
                if outputs <= inputs {
                    for k in 0..<inputs { dot += w[i * inputs + k] * w[j * inputs + k] }
                } else {
                    for k in 0..<outputs { dot += w[k * inputs + i] * w[k * inputs + j] }
                }
                #expect(abs(dot - (i == j ? gain * gain : 0)) < 1e-4)
            }
        }
        #expect(w[(inputs * outputs)...].allSatisfy { $0 == 0 })
    }

    @Test("the same seed gives the same network")
    func seeded() {
        var first = RandomSource(seed: 7), second = RandomSource(seed: 7)
        let a = MLP(sizes: [4, 8, 2], random: &first), b = MLP(sizes: [4, 8, 2], random: &second)
        #expect(Array(a.parameters) == Array(b.parameters))
    }
}
