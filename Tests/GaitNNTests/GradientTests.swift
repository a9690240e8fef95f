import Foundation
import Testing
import GaitCore
@testable import GaitNN

/// Finite-difference checks: each analytic gradient against central differences of a scalar
/// loss L = Σ c·output with fixed random weights c.
@Suite("Gradients against finite differences")
struct GradientTests {
    static func randomMatrix(_ rows: Int, _ columns: Int, _ random: inout RandomSource, scale: Double = 1) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: (0..<rows * columns).map { _ in Float(random.uniform(-scale...scale)) })
    }

    /// L = Σ c ⊙ network(x), accumulated in Double.
    static func loss(_ network: MLP, _ input: Matrix, _ weights: Matrix) -> Double {
        let output = network.forward(input)
        return (0..<output.count).reduce(0.0) { $0 + Double(output.values[$1]) * Double(weights.values[$1]) }
    }

    /// The central difference (f(x + h) − f(x − h)) / 2h of `f` in the element at `pointer`.
    static func centralDifference(at pointer: UnsafeMutablePointer<Float>, h: Float, _ f: () -> Double) -> Double {
        let original = pointer.pointee
        pointer.pointee = original + h
        let plus = f()
        pointer.pointee = original - h
        let minus = f()
        pointer.pointee = original
        return (plus - minus) / Double(2 * h)
    }

    /// Checks every element of `parameters` against the matching element of `gradient`.
    static func expectGradient(_ gradient: Matrix, of parameters: Matrix, h: Float, _ f: () -> Double) {
        for k in 0..<parameters.count {
            expectClose(gradient.values[k], centralDifference(at: parameters.values + k, h: h, f), "element \(k)")
        }
    }

    static func expectClose(_ analytic: Float, _ numeric: Double, _ what: String) {
        let tolerance = 2e-2 * max(1, abs(numeric))
        #expect(abs(Double(analytic) - numeric) < tolerance, "\(what): analytic \(analytic), numeric \(numeric)")
    }

    /// Checks parameter gradients (every `stride`-th) and input gradients of `network`.
    static func check(_ network: MLP, batch: Int, random: inout RandomSource, stride: Int = 1) {
        let input = randomMatrix(batch, network.sizes[0], &random)
        let weights = randomMatrix(batch, network.sizes.last!, &random)
        _ = network.forward(input)
        let inputGradient = network.backward(weights, inputGradientNeeded: true)!.elements
        let analytic = Array(network.gradients)
        let h: Float = 1e-3
        for k in Swift.stride(from: 0, to: network.parameterCount, by: stride) {
            let numeric = centralDifference(at: network.parameters.baseAddress! + k, h: h) { loss(network, input, weights) }
            expectClose(analytic[k], numeric, "parameter \(k)")
        }
        for k in 0..<input.count {
            let numeric = centralDifference(at: input.values + k, h: h) { loss(network, input, weights) }
            expectClose(inputGradient[k], numeric, "input \(k)")
        }
    }

    @Test("a linear layer: weights, biases and input")
    func linear() {
        var random = RandomSource(seed: 1)
        Self.check(MLP(sizes: [5, 3], random: &random), batch: 4, random: &random)
    }

    @Test("each activation, between two layers", arguments: Activation.allCases)
    func activation(_ activation: Activation) {
        var random = RandomSource(seed: 2)
        Self.check(MLP(sizes: [4, 6, 2], activation: activation, outputActivation: activation, random: &random), batch: 3,
              random: &random)
    }

    @Test("a whole MLP, batch 1 (the gemv path) and batch 7")
    func wholeNetwork() {
        var random = RandomSource(seed: 3)
        let network = MLP(sizes: [6, 16, 16, 3], activation: .tanh, random: &random)
        Self.check(network, batch: 1, random: &random, stride: 3)
        Self.check(network, batch: 7, random: &random, stride: 5)
    }

    @Test("a layer-normalised MLP: gains, shifts, weights and input, batch 1 and batch 5", arguments: [Activation.relu, .tanh])
    func layerNormalized(_ activation: Activation) {
        var random = RandomSource(seed: 7)
        let network = MLP(sizes: [5, 8, 6, 2], activation: activation, layerNormalized: true, random: &random)
        #expect(network.normalizations.map(\.width) == [8, 6])
        // Gains and shifts away from 1 and 0, so that their gradients are checked in general.
        for normalization in network.normalizations {
            for j in 0..<normalization.parameterCount {
                network.parameters[normalization.offset + j] += Float(random.uniform(-0.5...0.5))
            }
        }
        Self.check(network, batch: 1, random: &random)
        Self.check(network, batch: 5, random: &random)
    }

    @Test("accumulating backward adds gradients; batch 1 and batch n agree row by row", arguments: [false, true])
    func accumulation(layerNormalized: Bool) {
        var random = RandomSource(seed: 4)
        let network = MLP(sizes: [3, 8, 2], layerNormalized: layerNormalized, random: &random)
        let input = Self.randomMatrix(4, 3, &random)
        let upstream = Self.randomMatrix(4, 2, &random)
        network.forward(input)
        network.backward(upstream)
        let once = Array(network.gradients)
        network.backward(upstream, accumulate: true)
        #expect(zip(network.gradients, once).allSatisfy { abs($0 - 2 * $1) <= 1e-6 * max(1, abs($1)) })
        let batched = network.forward(input).elements
        for row in 0..<4 {
            let single = Matrix(rows: 1, columns: 3, elements: Array(input.elements[3 * row..<3 * row + 3]))
            let output = network.forward(single).elements
            #expect(zip(output, batched[2 * row..<2 * row + 2]).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test("the input gradient alone equals backward's, and leaves parameter gradients untouched", arguments: [false, true])
    func inputGradientOnly(layerNormalized: Bool) {
        var random = RandomSource(seed: 6)
        let network = MLP(sizes: [5, 12, 12, 2], layerNormalized: layerNormalized, random: &random)
        let input = Self.randomMatrix(6, 5, &random), upstream = Self.randomMatrix(6, 2, &random)
        network.forward(input)
        let full = network.backward(upstream, inputGradientNeeded: true)!.elements
        network.gradients.update(repeating: 7)
        network.forward(input)
        #expect(network.inputGradient(upstream).elements == full)
        #expect(network.gradients.allSatisfy { $0 == 7 })
    }

    @Test("mean squared error and its gradient")
    func meanSquaredError() {
        var random = RandomSource(seed: 5)
        let prediction = Self.randomMatrix(3, 2, &random), target = Self.randomMatrix(3, 2, &random)
        let gradient = Matrix(rows: 0, columns: 2)
        let loss = MeanSquaredError.loss(prediction: prediction, target: target, gradient: gradient)
        let expected = zip(prediction.elements, target.elements).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / 6
        #expect(abs(Double(loss) - expected) < 1e-6)
        let scratch = Matrix(rows: 0, columns: 2)
        Self.expectGradient(gradient, of: prediction, h: 1e-2) {
            Double(MeanSquaredError.loss(prediction: prediction, target: target, gradient: scratch))
        }
    }
}
