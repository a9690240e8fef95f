import GaitFoundation

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

    /// Whether a batch of `rows` is worth sharing between two threads (about a million
    /// multiply-adds or more; below that the hand-off costs more than it saves).
    func isWorthSplitting(rows: Int) -> Bool { rows * inputs * outputs >= 1 << 20 }

    /// output = input·Wᵀ + b (output is resized to the batch). With a `worker`, it computes the
    /// second half of the output units meanwhile (the same sums, split by output unit).
    func forward(_ input: Matrix, into output: Matrix, parameters: UnsafePointer<Float>, worker: ParallelWorker? = nil) {
        let batch = input.rows
        output.resize(rows: batch)
        let bias = parameters + biasOffset
        for row in 0..<batch { (output.values + row * outputs).update(from: bias, count: outputs) }
        if batch == 1 {
            BLAS.gemv(transpose: false, m: outputs, n: inputs, a: parameters + offset, lda: inputs,
                      x: input.values, beta: 1, y: output.values)
            return
        }
        func units(_ range: Range<Int>) {
            BLAS.gemm(transposeA: false, transposeB: true, m: batch, n: range.count, k: inputs, a: input.values, lda: inputs,
                      b: parameters + offset + range.lowerBound * inputs, ldb: inputs, beta: 1,
                      c: output.values + range.lowerBound, ldc: outputs)
        }
        guard let worker, isWorthSplitting(rows: batch) else { return units(0..<outputs) }
        let half = outputs / 2
        worker.run({ units(half..<outputs) }, alongside: { units(0..<half) })
    }

    /// Given dL/dy for the batch, adds (or, with `accumulate` false, writes) dL/dW and dL/db into
    /// `gradients` and, when `inputGradient` is given, writes dL/dx there.
    /// With `gradients` nil only dL/dx is computed. `scratch` holds batch × inputs elements.
    /// With a `worker`, dL/dx is computed there meanwhile (the same products either way).
    func backward(input: Matrix, outputGradient: Matrix, inputGradient: Matrix?, parameters: UnsafePointer<Float>,
                  gradients: UnsafeMutablePointer<Float>?, ones: UnsafePointer<Float>, accumulate: Bool,
                  scratch: UnsafeMutablePointer<Float>, worker: ParallelWorker? = nil) {
        let batch = input.rows
        let beta: Float = accumulate ? 1 : 0
        func parameterGradients() {
            guard let gradients else { return }
            BLAS.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: batch, a: outputGradient.values,
                      lda: outputs, b: input.values, ldb: inputs, beta: beta, c: gradients + offset, ldc: inputs)
            BLAS.gemv(transpose: true, m: batch, n: outputs, a: outputGradient.values, lda: outputs, x: ones, beta: beta,
                      y: gradients + biasOffset)
        }
        guard let inputGradient else { return parameterGradients() }
        inputGradient.resize(rows: batch)
        func gradientOfInput() {
            BLAS.product(m: batch, n: inputs, k: outputs, a: outputGradient.values, lda: outputs,
                         b: parameters + offset, ldb: inputs, c: inputGradient.values, ldc: inputs, scratch: scratch)
        }
        guard let worker, gradients != nil, isWorthSplitting(rows: batch) else {
            parameterGradients()
            return gradientOfInput()
        }
        worker.run(gradientOfInput, alongside: parameterGradients)
    }
}
