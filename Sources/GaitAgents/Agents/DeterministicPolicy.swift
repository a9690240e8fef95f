import GaitCore
import GaitNN

/// A deterministic policy a = tanh(μ(s)) with its target copy and optimiser, and Gaussian
/// exploration noise (DDPG and TD3).
final class DeterministicPolicy {
    let network: MLP
    let target: MLP
    let optimizer: Adam
    private let actions: Matrix
    private let weights: Matrix

    init(observationSize: Int, actionSize: Int, hidden: [Int], learningRate: Float, random: inout RandomSource) {
        let sizes = [observationSize] + hidden + [actionSize]
        network = MLP(sizes: sizes, outputActivation: .tanh, random: &random)
        target = MLP(sizes: sizes, outputActivation: .tanh, random: &random)
        target.copyParameters(from: network)
        optimizer = Adam(for: network, learningRate: learningRate)
        actions = Matrix(rows: 0, columns: actionSize)
        weights = Matrix(rows: 0, columns: 1)
    }

    /// While exploring: uniform random actions when `warmingUp`, else μ(s) + N(0, noise²)
    /// clipped to [−1, 1]. Otherwise μ(s).
    func act(_ observations: Matrix, explore: Bool, warmingUp: Bool, noise: Float, random: inout RandomSource) -> Matrix {
        if explore && warmingUp {
            actions.fillUniform(rows: observations.rows, random: &random)
            return actions
        }
        actions.copy(from: network.forward(observations))
        if explore {
            for i in 0..<actions.count {
                actions.values[i] = min(max(actions.values[i] + noise * Float(random.normal()), -1), 1)
            }
        }
        return actions
    }

    /// One step of gradient ascent on mean Q(s, μ(s)); returns the actor loss −mean Q.
    func improve(against critic: Critic, observations: Matrix) -> Float {
        let proposed = network.forward(observations)
        actions.copy(from: proposed)
        let q = critic.value(observations, actions)
        var meanValue: Float = 0
        for row in 0..<q.rows { meanValue += q.values[row] }
        meanValue /= Float(q.rows)
        weights.resize(rows: q.rows)
        for row in 0..<q.rows { weights.values[row] = -1 / Float(q.rows) }
        network.backward(critic.actionGradient(weights: weights))
        optimizer.update(network)
        return -meanValue
    }

    /// Polyak-averages the target towards the network.
    func updateTarget(tau: Float) { target.polyakUpdate(from: network, tau: tau) }

    /// Saves the policy as `actor`, its target as `target_actor` and the optimiser.
    func save(into state: inout StateDictionary) {
        state.set("actor", network: network)
        state.set("target_actor", network: target)
        state.set("actor_optimizer", optimizer: optimizer)
    }

    /// Restores what `save(into:)` saved.
    func restore(from state: StateDictionary) throws(CheckpointError) {
        try state.load("actor", into: network)
        try state.load("target_actor", into: target)
        try state.load("actor_optimizer", into: optimizer)
    }
}
