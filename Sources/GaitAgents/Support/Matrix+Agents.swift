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

    /// Throws `AgentError.diverged` unless every value is finite (these are a policy's actions,
    /// taken at training step `step`, or while evaluating when nil).
    func requireFinite(step: Int?, agent: String) throws(AgentError) {
        guard let index = (0..<count).first(where: { !values[$0].isFinite }) else { return }
        throw .diverged(step: step, agent: agent, quantity: "the policy's action \(index % max(columns, 1)) (a network output)")
    }

    /// Fills the matrix (resized to `rows`) with one value.
    func fill(rows: Int, with value: Float) {
        resize(rows: rows)
        values.update(repeating: value, count: count)
    }
}
