import Foundation

/// How an agent's checkpoint gives its deterministic policy, so that readers outside Gait (the
/// Python package's numpy policy) need no table of agents: the network whose linear layers are
/// the tensors `<network>.0.weight`, `<network>.0.bias`, `<network>.2.weight` …, the activation
/// between layers, and how the last layer's output becomes the action. Every checkpoint names
/// its head in its metadata (`gait.policy`, as JSON).
public struct PolicyHead: Sendable, Hashable, Codable {
    /// The activation after each hidden layer.
    public enum Activation: String, Sendable, Codable {
        case relu, tanh
    }

    /// What becomes of the last layer's output.
    public enum Output: String, Sendable, Codable {
        /// The output is the action.
        case identity
        /// tanh of the output.
        case tanh
        /// tanh of the output's first half (a Gaussian's mean, before its log σ).
        case tanhOfMean = "tanh_of_mean"
    }

    /// The tensor prefix of the policy network's layers (`actor`, `actor_mean` …).
    public let network: String
    /// The activation between layers.
    public let hidden: Activation
    /// What becomes of the last layer's output.
    public let output: Output

    /// The head of the policy network `network`.
    public init(network: String, hidden: Activation, output: Output) {
        (self.network, self.hidden, self.output) = (network, hidden, output)
    }

    /// The head as checkpoint metadata: JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
