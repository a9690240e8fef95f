import Foundation
import Testing
@testable import GaitNN

/// Gait's own tanh (the same bits on every CPU) against the exact value, over the floats.
@Suite("tanh")
struct TanhTests {
    /// The distance in units in the last place between `value` and the exact `reference`.
    private func ulps(_ value: Float, _ reference: Double) -> Double {
        abs(Double(value) - reference) / Double(Float(reference).ulp)
    }

    @Test("within 3 units in the last place of the exact tanh, from the smallest floats to past the point where it rounds to ±1")
    func accurate() {
        var worst = 0.0
        var inputs = SIMD8<Float>(), count = 0
        func check() {
            let outputs = SIMD8.tanh(inputs)
            for lane in 0..<8 { worst = max(worst, ulps(outputs[lane], Foundation.tanh(Double(inputs[lane])))) }
        }
        for bits in stride(from: UInt32(0x0000_0001), through: 0x4120_0000, by: 101) {
            let x = Float(bitPattern: bits)
            inputs[count % 8] = count % 2 == 0 ? x : -x
            count += 1
            if count % 8 == 0 { check() }
        }
        #expect(worst <= 3, "worst error \(worst) ulp")
    }

    @Test("NaN stays NaN, ±0 stays ±0, ±∞ gives ±1, and a lane's result does not depend on its neighbours")
    func specialValues() {
        let x = SIMD8<Float>(.nan, 0.0, -0.0, .infinity, -.infinity, 20, -20, 0.5)
        let y = SIMD8.tanh(x)
        #expect(y[0].isNaN && y[1] == 0 && y[1].sign == .plus && y[2] == 0 && y[2].sign == .minus)
        #expect(y[3] == 1 && y[4] == -1 && y[5] == 1 && y[6] == -1)
        #expect(SIMD8.tanh(SIMD8(repeating: 0.5))[0] == y[7])
        var values: [Float] = [0.1, -0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.5]
        Activation.tanh.apply(&values, count: values.count)
        #expect(values[10] == y[7], "the tail goes through the same lanes")
    }
}
