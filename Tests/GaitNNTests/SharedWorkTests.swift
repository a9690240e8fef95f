import Testing
import GaitFoundation
@testable import GaitNN

/// A network that shares its products with a second thread: the same sums, so the same results
/// (to the last bit for gradients; some OpenBLAS kernels round a product split by output units
/// differently in the last bit), and the same bits from run to run.
@Suite("Two threads, one network")
struct SharedWorkTests {
    private func pair(_ activation: Activation, random: inout RandomSource) -> (MLP, MLP) {
        let alone = MLP(sizes: [17, 256, 256, 12], activation: activation, random: &random)
        let shared = MLP(sizes: [17, 256, 256, 12], activation: activation, random: &random)
        shared.parameters.baseAddress!.update(from: alone.parameters.baseAddress!, count: alone.parameterCount)
        return (alone, shared)
    }

    @Test("gradients equal bit for bit with and without a worker; outputs agree and repeat exactly",
          arguments: [Activation.relu, .tanh])
    func sameResults(activation: Activation) {
        var random = RandomSource(seed: 8)
        let (alone, shared) = pair(activation, random: &random)
        let batch = Matrix(rows: 0, columns: 17), gradient = Matrix(rows: 0, columns: 12)
        batch.fillForTest(rows: 256, random: &random)
        gradient.fillForTest(rows: 256, random: &random)
        // Backward after the same forward: the same products on two threads.
        alone.forward(batch)
        shared.forward(batch)
        shared.worker = ParallelWorker()
        let inputs = (alone.backward(gradient, inputGradientNeeded: true)!.elements,
                      shared.backward(gradient, inputGradientNeeded: true)!.elements)
        #expect(inputs.0 == inputs.1)
        #expect(Array(alone.gradients) == Array(shared.gradients))
        // Forward split by output units.
        let reference = alone.forward(batch).elements
        let first = shared.forward(batch).elements
        #expect(zip(reference, first).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) })
        #expect(shared.forward(batch).elements == first)
    }
}

extension SharedWorkTests {
    @Test("Adam's update on two threads equals it on one, bit for bit")
    func adamSplit() {
        var random = RandomSource(seed: 3)
        let (alone, shared) = pair(.relu, random: &random)
        shared.worker = ParallelWorker()
        let (first, second) = (Adam(for: alone), Adam(for: shared))
        for _ in 0..<3 {
            for i in 0..<alone.parameterCount {
                let g = Float(random.uniform(-1...1))
                (alone.gradients[i], shared.gradients[i]) = (g, g)
            }
            first.update(alone)
            second.update(shared)
        }
        #expect(Array(alone.parameters) == Array(shared.parameters))
        #expect(Array(first.secondMoment) == Array(second.secondMoment))
    }
}

extension Matrix {
    /// Resizes to `rows` and fills with uniform values in [−1, 1].
    func fillForTest(rows: Int, random: inout RandomSource) {
        resize(rows: rows)
        for i in 0..<count { values[i] = Float(random.uniform(-1...1)) }
    }
}
