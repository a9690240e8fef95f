import CHeapStatistics
import Testing
import GaitCore
@testable import GaitNN

@Suite("Hot loops allocate nothing")
struct AllocationTests {
    private func allocations() -> UInt { gait_allocation_count() }

    @Test("forward, backward, input gradients and Adam allocate nothing after the largest batch was seen")
    func steadyState() {
        var random = RandomSource(seed: 1)
        let network = MLP(sizes: [23, 64, 64, 1], random: &random)
        let adam = Adam(for: network)
        let batch = Matrix(rows: 32, columns: 23, elements: (0..<32 * 23).map { _ in Float(random.uniform(-1...1)) })
        let single = Matrix(rows: 1, columns: 23, elements: Array(batch.elements.prefix(23)))
        let upstream = Matrix(rows: 32, columns: 1, elements: [Float](repeating: 0.1, count: 32))
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
        for _ in 0..<50 { work() }
        #expect(allocations() == before)
        _ = Matrix(rows: 2, columns: 2)
        #expect(allocations() > before, "the counter sees an allocation")
    }
}
