/// A fully connected layer y = x·Wᵀ + b over a batch, with its weights (outputs × inputs,
/// row-major: PyTorch's layout) and biases stored in a network's flat parameter buffer.
public struct Linear: Sendable, Hashable {
    /// Input features.
    public let inputs: Int
    /// Output features.
    public let outputs: Int
    /// Where the weights start in the parameter buffer; the biases follow them.
    public let offset: Int

    /// Weights then biases.
    public var parameterCount: Int { outputs * (inputs + 1) }
    var biasOffset: Int { offset + inputs * outputs }

    /// output = input·Wᵀ + b (output is resized to the batch).
    func forward(_ input: Matrix, into output: Matrix, parameters: UnsafePointer<Float>) {
        let batch = input.rows
        output.resize(rows: batch)
        let bias = parameters + biasOffset
        for row in 0..<batch { (output.values + row * outputs).update(from: bias, count: outputs) }
        if batch == 1 {
            BLAS.gemv(transpose: false, m: outputs, n: inputs, a: parameters + offset, lda: inputs,
                      x: input.values, beta: 1, y: output.values)
        } else {
            BLAS.gemm(transposeA: false, transposeB: true, m: batch, n: outputs, k: inputs, a: input.values, lda: inputs,
                      b: parameters + offset, ldb: inputs, beta: 1, c: output.values, ldc: outputs)
        }
    }

    /// Given dL/dy for the batch, adds (or, with `accumulate` false, writes) dL/dW and dL/db into
    /// `gradients` and, when `inputGradient` is given, writes dL/dx there.
    /// With `gradients` nil only dL/dx is computed. `scratch` holds batch × inputs elements.
    func backward(input: Matrix, outputGradient: Matrix, inputGradient: Matrix?, parameters: UnsafePointer<Float>,
                  gradients: UnsafeMutablePointer<Float>?, ones: UnsafePointer<Float>, accumulate: Bool,
                  scratch: UnsafeMutablePointer<Float>) {
        let batch = input.rows
        let beta: Float = accumulate ? 1 : 0
        if let gradients {
            BLAS.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: batch, a: outputGradient.values,
                      lda: outputs, b: input.values, ldb: inputs, beta: beta, c: gradients + offset, ldc: inputs)
            BLAS.gemv(transpose: true, m: batch, n: outputs, a: outputGradient.values, lda: outputs, x: ones, beta: beta,
                      y: gradients + biasOffset)
        }
        if let inputGradient {
            inputGradient.resize(rows: batch)
            BLAS.product(m: batch, n: inputs, k: outputs, a: outputGradient.values, lda: outputs,
                         b: parameters + offset, ldb: inputs, c: inputGradient.values, ldc: inputs, scratch: scratch)
        }
    }
}
