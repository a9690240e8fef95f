/// One hyperparameter as its agent documents it: the name (as CleanRL and Stable-Baselines3
/// spell it), the default, the values it may take and what it means.
public struct HyperparameterSpec: Sendable, Hashable {
    public let name: String
    public let defaultValue: Double
    /// The values it may take (inclusive).
    public let range: ClosedRange<Double>
    /// Whether only whole numbers are allowed (counts, flags and choices).
    public let whole: Bool
    /// Whether it switches something on (1) or off (0), so that true and false may be written for it.
    public private(set) var isOnOff = false
    public let meaning: String

    /// A real number in `range`.
    public static func real(_ name: String, _ defaultValue: Double, _ range: ClosedRange<Double>, _ meaning: String) -> HyperparameterSpec {
        HyperparameterSpec(name: name, defaultValue: defaultValue, range: range, whole: false, meaning: meaning)
    }

    /// A whole number from `minimum` to `maximum` (a count of steps, samples, units, passes …).
    public static func count(_ name: String, _ defaultValue: Double, minimum: Int = 1, maximum: Int = Hyperparameters.maximumCount,
                      _ meaning: String) -> HyperparameterSpec {
        HyperparameterSpec(name: name, defaultValue: defaultValue, range: Double(minimum)...Double(maximum), whole: true, meaning: meaning)
    }

    /// 0 (off) or 1 (on).
    public static func flag(_ name: String, _ defaultValue: Double, _ meaning: String) -> HyperparameterSpec {
        HyperparameterSpec(name: name, defaultValue: defaultValue, range: 0...1, whole: true, isOnOff: true, meaning: meaning)
    }

    /// A learning rate: from 10⁻⁹ to 1.
    public static func learningRate(_ name: String, _ defaultValue: Double, _ meaning: String) -> HyperparameterSpec {
        real(name, defaultValue, 1e-9...1, meaning)
    }

    // The hyperparameters several agents share, with the meaning they have in each.
    static let bufferSize = count("buffer_size", 1_000_000, "transitions the replay buffer keeps (the oldest are overwritten)")
    static let gamma = real("gamma", 0.99, 0...1, "discount factor")
    static let tau = real("tau", 0.005, 0...1, "Polyak step of the target networks: target ← τ·online + (1 − τ)·target")
    static let batchSize = count("batch_size", 256, "transitions per gradient step")
    static let policyFrequency = count("policy_frequency", 2, maximum: Hyperparameters.maximumRepeats,
                                       "critic updates per actor update (the delay)")
    static let updatesPerStep = count("updates_per_step", 1, maximum: Hyperparameters.maximumRepeats,
                                      "gradient updates per environment step (of all copies)")
    static let hiddenLayers = count("hidden_layers", 2, "hidden layers of every network")
    static let nStep = count("n_step", 1, maximum: Hyperparameters.maximumRepeats,
                             "transitions of one stream summed, discounted, into each critic target (n-step returns; RLlib's n_step)")
    static let layerNorm = flag("layer_norm", 0, "layer normalisation after every hidden layer of the critics, before the activation (SBX's layer_norm; DroQ's and BRO's critics)")
    static let explorationNoise = real("exploration_noise", 0.1, 0...10, "σ of the Gaussian noise added to actions while exploring")
    static let entropyCoefficient = real("ent_coef", 0, 0...10, "weight of the entropy bonus")
    static let valueCoefficient = real("vf_coef", 0.5, 0...100, "weight of the value loss")
    static let maximumGradientNorm = real("max_grad_norm", 0.5, 0...1e6, "global gradient-norm clip (0: none)")

    /// Environment steps of random actions before an off-policy agent learns.
    static func learningStarts(_ defaultValue: Double) -> HyperparameterSpec {
        count("learning_starts", defaultValue, minimum: 0, "environment steps of uniform random actions before learning starts")
    }

    /// The width of every network's hidden layers.
    static func hiddenSize(_ defaultValue: Double) -> HyperparameterSpec {
        count("hidden_size", defaultValue, "units per hidden layer of every network")
    }

    /// Observation normalisation with running statistics.
    static func normalizeObservations(_ defaultValue: Double) -> HyperparameterSpec {
        flag("normalize_observations", defaultValue, "normalize observations with running statistics (clipped to ±10), as Gymnasium's NormalizeObservation")
    }

    /// Reward scaling by the running σ of the discounted return.
    static func normalizeRewards(_ defaultValue: Double) -> HyperparameterSpec {
        flag("normalize_rewards", defaultValue, "scale rewards by the running σ of the discounted return, as Gymnasium's NormalizeReward")
    }

    /// The valid values as text: `0 or 1`, `a whole number from 1 to 1000`, `from 0 to 1`.
    public var validValues: String {
        if whole && range == 0...1 { return "0 or 1" }
        let (low, high) = (Self.text(range.lowerBound), Self.text(range.upperBound))
        return whole ? "a whole number from \(low) to \(high)" : "from \(low) to \(high)"
    }

    /// Throws unless `value` is one of the valid values.
    func check(_ value: Double) throws(AgentError) {
        guard range.contains(value), !whole || value.wholeNumber(in: Int(range.lowerBound)...Int(range.upperBound)) != nil else {
            throw .invalidHyperparameter(name: name, reason: "it is \(Self.text(value)); it must be \(validValues)")
        }
    }

    /// A number as it reads best: whole numbers without a fraction, others as `%g`.
    public static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }
}
