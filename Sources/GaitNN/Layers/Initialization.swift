import Foundation
import GaitFoundation

/// How a network's weights and biases start.
public enum Initialization: Sendable, Hashable {
    /// PyTorch's default for `nn.Linear`: weights and biases uniform in ±1/√fan_in
    /// (Kaiming-uniform with a = √5).
    case pytorchDefault
    /// Orthogonal weights scaled by a gain, zero biases (as CleanRL's PPO initialises):
    /// `hidden` for hidden layers, `output` for the last one.
    case orthogonal(hidden: Float, output: Float)

    /// Fills one layer's weights (outputs × inputs, row-major) and biases.
    func fill(weights: UnsafeMutablePointer<Float>, biases: UnsafeMutablePointer<Float>, inputs: Int, outputs: Int,
              isOutput: Bool, random: inout RandomSource) {
        switch self {
        case .pytorchDefault:
            let bound = 1 / Double(inputs).squareRoot()
            for i in 0..<inputs * outputs { weights[i] = Float(random.uniform(-bound...bound)) }
            for i in 0..<outputs { biases[i] = Float(random.uniform(-bound...bound)) }
        case .orthogonal(let hidden, let output):
            let gain = Double(isOutput ? output : hidden)
            let q = Self.orthogonal(rows: outputs, columns: inputs, random: &random)
            for i in 0..<inputs * outputs { weights[i] = Float(gain * q[i]) }
            biases.update(repeating: 0, count: outputs)
        }
    }

    /// A rows×columns matrix (row-major) with orthonormal rows or columns, whichever are fewer:
    /// the Q of a QR factorisation of a Gaussian matrix, signs fixed by R's diagonal (as
    /// PyTorch's `orthogonal_`).
    static func orthogonal(rows: Int, columns: Int, random: inout RandomSource) -> [Double] {
        let tall = rows >= columns
        let (n, k) = tall ? (rows, columns) : (columns, rows)  // n×k with n ≥ k: orthonormalise k columns
        var a = (0..<n * k).map { _ in random.normal() }      // column-major: column j at j*n
        for j in 0..<k {
            for previous in 0..<j {
                var dot = 0.0
                for i in 0..<n { dot += a[previous * n + i] * a[j * n + i] }
                for i in 0..<n { a[j * n + i] -= dot * a[previous * n + i] }
            }
            let norm = (0..<n).reduce(0.0) { $0 + a[j * n + $1] * a[j * n + $1] }.squareRoot()
            for i in 0..<n { a[j * n + i] /= norm }
        }
        var result = [Double](repeating: 0, count: rows * columns)
        for j in 0..<k {
            for i in 0..<n {
                if tall { result[i * columns + j] = a[j * n + i] } else { result[j * columns + i] = a[j * n + i] }
            }
        }
        return result
    }
}
