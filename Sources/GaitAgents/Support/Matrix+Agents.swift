import GaitCore
import GaitNN

extension Matrix {
    /// Fills the matrix (resized to `rows`) with uniform values in [−1, 1]: random actions.
    func fillUniform(rows: Int, random: inout RandomSource) {
        resize(rows: rows)
        for i in 0..<count { values[i] = Float(random.uniform(-1...1)) }
    }

    /// Fills the matrix (resized to `rows`) with standard normal values.
    func fillNormal(rows: Int, random: inout RandomSource) {
        resize(rows: rows)
        for i in 0..<count { values[i] = Float(random.normal()) }
    }

    /// Fills the matrix (resized to `rows`) with one value.
    func fill(rows: Int, with value: Float) {
        resize(rows: rows)
        values.update(repeating: value, count: count)
    }

    /// The mean of all elements.
    var mean: Float {
        var sum: Float = 0
        for i in 0..<count { sum += values[i] }
        return sum / Float(max(count, 1))
    }
}

extension Hyperparameters {
    /// The checks every off-policy agent makes.
    func validateOffPolicy() throws(AgentError) {
        for name in ["buffer_size", "batch_size", "policy_frequency", "updates_per_step", "hidden_size", "hidden_layers"] {
            try requireCount(name)
        }
        try requireCount("learning_starts", minimum: 0)
        try requireRange("gamma", 0...1)
        try requireRange("tau", 0...1)
    }

    /// The hidden layer sizes from `hidden_size` and `hidden_layers`.
    var hiddenSizes: [Int] { [Int](repeating: int("hidden_size"), count: int("hidden_layers")) }
}
