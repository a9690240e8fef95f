import CHeapStatistics
import Testing
import GaitCore
@testable import GaitNN

@Suite("Hot loops allocate nothing")
struct AllocationTests {
    private func allocations() -> UInt { gait_allocation_count() }

    /// Widths and batch sizes that OpenBLAS's AVX-512 cores (SkylakeX, Cooperlake) send to their
    /// small-matrix kernels, which allocate for untransposed products, and a SAC-sized critic that
    /// takes the large-matrix path. Run the suite under `OPENBLAS_CORETYPE=Haswell` and
    /// `SkylakeX` to cover both families of kernels.
    @Test("forward, backward, input gradients and Adam allocate nothing after the largest batch was seen",
          arguments: [([23, 64, 64, 1], 32, false), ([17, 256, 256, 6], 7, false), ([29, 256, 256, 1], 256, false),
                      ([29, 256, 256, 1], 256, true)])
    func steadyState(sizes: [Int], batchSize: Int, layerNormalized: Bool) {
        var random = RandomSource(seed: 1)
        let network = MLP(sizes: sizes, layerNormalized: layerNormalized, random: &random)
        let adam = Adam(for: network)
        let inputs = sizes[0], outputs = sizes.last!
        let batch = Matrix(rows: batchSize, columns: inputs,
                           elements: (0..<batchSize * inputs).map { _ in Float(random.uniform(-1...1)) })
        let single = Matrix(rows: 1, columns: inputs, elements: Array(batch.elements.prefix(inputs)))
        let upstream = Matrix(rows: batchSize, columns: outputs,
                              elements: [Float](repeating: 0.1, count: batchSize * outputs))
        func work() {
            network.forward(batch)
            network.backward(upstream)
            adam.update(network)
            network.forward(batch)
            _ = network.inputGradient(upstream)
            network.forward(single)
        }
        work()
        let before = allocations()
        for _ in 0..<20 { work() }
        #expect(allocations() == before)
        _ = Matrix(rows: 2, columns: 2)
        #expect(allocations() > before, "the counter sees an allocation")
    }
}
