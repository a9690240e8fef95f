import GaitCore
import GaitNN

/// Two critics Q₁ and Q₂ with their target copies (TD3, SAC), run side by side on two threads:
/// both fit the same target, a target uses the smaller target critic, and a gradient with
/// respect to the actions flows, row by row, through whichever critic is smaller there.
/// Threads change nothing in the results: the two critics share no mutable state.
final class TwinCritics {
    let first: Critic
    let second: Critic
    /// The second thread (also lent to the actor between critic updates).
    let worker = ParallelWorker(name: "gait-twin-critic")
    private let minimum = Matrix(rows: 0, columns: 1)
    private let firstWeights = Matrix(rows: 0, columns: 1)
    private let secondWeights = Matrix(rows: 0, columns: 1)
    private let actionGradient: Matrix

    init(observationSize: Int, actionSize: Int, hidden: [Int], layerNormalized: Bool, learningRate: Float,
         random: inout RandomSource) {
        first = Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                       layerNormalized: layerNormalized, learningRate: learningRate, random: &random)
        second = Critic(observationSize: observationSize, actionSize: actionSize, hidden: hidden,
                        layerNormalized: layerNormalized, learningRate: learningRate, random: &random)
        actionGradient = Matrix(rows: 0, columns: actionSize)
    }

    /// Runs `body` for the second critic on the worker and for the first here.
    private func both<T>(_ body: (Critic) -> T) -> (T, T) {
        var results: (T?, T?)
        worker.run({ results.1 = body(self.second) }, alongside: { results.0 = body(first) })
        return (results.0!, results.1!)
    }

    /// min(Q′₁, Q′₂)(s, a) of the target critics, one row per pair (valid until the next call).
    func targetMinimum(_ observations: Matrix, _ actions: Matrix) -> Matrix {
        let (q1, q2) = both { $0.targetValue(observations, actions) }
        minimum.resize(rows: q1.rows)
        for row in 0..<q1.rows { minimum.values[row] = min(q1.values[row], q2.values[row]) }
        return minimum
    }

    /// One regression step of both critics towards `targets`; returns the mean of their losses
    /// and the first critic's mean Q.
    func fit(_ observations: Matrix, _ actions: Matrix, targets: Matrix) -> (loss: Double, meanValue: Float) {
        let (fit1, fit2) = both { $0.fit(observations, actions, targets: targets) }
        return (Double(fit1.loss + fit2.loss) / 2, fit1.meanValue)
    }

    /// min(Q₁, Q₂)(s, a) for each row, and ∂(weight·Σᵢ min(Q₁, Q₂)(sᵢ, aᵢ))/∂a through the
    /// smaller critic of each row (Q₁ on ties); the critics' parameters are not touched.
    func minimum(_ observations: Matrix, _ actions: Matrix, weight: Float) -> (values: Matrix, actionGradient: Matrix) {
        let (q1, q2) = both { $0.value(observations, actions) }
        let rows = q1.rows
        minimum.resize(rows: rows)
        firstWeights.resize(rows: rows)
        secondWeights.resize(rows: rows)
        for row in 0..<rows {
            let firstIsSmaller = q1.values[row] <= q2.values[row]
            minimum.values[row] = min(q1.values[row], q2.values[row])
            firstWeights.values[row] = firstIsSmaller ? weight : 0
            secondWeights.values[row] = firstIsSmaller ? 0 : weight
        }
        var g2: Matrix?
        worker.run({ g2 = self.second.actionGradient(weights: self.secondWeights) }, alongside: {
            actionGradient.copy(from: first.actionGradient(weights: firstWeights))
        })
        for i in 0..<actionGradient.count { actionGradient.values[i] += g2!.values[i] }
        return (minimum, actionGradient)
    }

    /// Polyak-averages both targets towards their critics.
    func updateTargets(tau: Float) {
        _ = both { $0.updateTarget(tau: tau) }
    }

    /// Saves the critics as `qf1` and `qf2` (CleanRL's names), with their targets and optimisers.
    func save(into state: inout StateDictionary) {
        first.save(into: &state, as: "qf1")
        second.save(into: &state, as: "qf2")
    }

    /// Restores what `save(into:)` saved.
    func restore(from state: StateDictionary) throws(CheckpointError) {
        try first.restore(from: state, as: "qf1")
        try second.restore(from: state, as: "qf2")
    }
}
