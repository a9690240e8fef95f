import GaitCore
import GaitNN

/// A state-action value network Q(s, a) with its target copy and optimiser (for DDPG, TD3, SAC).
final class Critic {
    let network: MLP
    let target: MLP
    let optimizer: Adam
    private let input: Matrix
    private let gradient: Matrix
    private let actionGradient: Matrix

    /// A critic with `hidden` layers, each layer-normalised with `layerNormalized`.
    init(observationSize: Int, actionSize: Int, hidden: [Int], layerNormalized: Bool, learningRate: Float,
         random: inout RandomSource) {
        let sizes = [observationSize + actionSize] + hidden + [1]
        network = MLP(sizes: sizes, layerNormalized: layerNormalized, random: &random)
        target = MLP(sizes: sizes, layerNormalized: layerNormalized, random: &random)
        target.copyParameters(from: network)
        optimizer = Adam(for: network, learningRate: learningRate)
        input = Matrix(rows: 0, columns: observationSize + actionSize)
        gradient = Matrix(rows: 0, columns: 1)
        actionGradient = Matrix(rows: 0, columns: actionSize)
    }

    /// Q(s, a) for each row (the network's own matrix, valid until its next forward).
    func value(_ observations: Matrix, _ actions: Matrix) -> Matrix {
        input.concatenate(observations, actions)
        return network.forward(input)
    }

    /// The target network's Q(s, a).
    func targetValue(_ observations: Matrix, _ actions: Matrix) -> Matrix {
        input.concatenate(observations, actions)
        return target.forward(input)
    }

    /// One regression step of Q(s, a) towards `targets` (mean squared error); returns the loss
    /// and the mean Q.
    func fit(_ observations: Matrix, _ actions: Matrix, targets: Matrix) -> (loss: Float, meanValue: Float) {
        let prediction = value(observations, actions)
        var sum: Float = 0
        for row in 0..<prediction.rows { sum += prediction.values[row] }
        let loss = MeanSquaredError.loss(prediction: prediction, target: targets, gradient: gradient)
        network.backward(gradient)
        optimizer.update(network)
        return (loss, sum / Float(max(prediction.rows, 1)))
    }

    /// ∂(Σ weightᵢ·Q(sᵢ, aᵢ))/∂a for the pairs of the last `value` call; the critic's parameter
    /// gradients are neither computed nor changed.
    func actionGradient(weights: Matrix) -> Matrix {
        let full = network.inputGradient(weights)
        actionGradient.copyColumns(of: full, from: input.columns - actionGradient.columns)
        return actionGradient
    }

    /// Polyak-averages the target towards the network.
    func updateTarget(tau: Float) { target.polyakUpdate(from: network, tau: tau) }

    /// Saves the network as `name`, its target as `name_target` and the optimiser.
    func save(into state: inout StateDictionary, as name: String) {
        state.set(name, network: network)
        state.set("\(name)_target", network: target)
        state.set("\(name)_optimizer", optimizer: optimizer)
    }

    /// Restores what `save(into:as:)` saved.
    func restore(from state: StateDictionary, as name: String) throws(CheckpointError) {
        try state.load(name, into: network)
        try state.load("\(name)_target", into: target)
        try state.load("\(name)_optimizer", into: optimizer)
    }
}
