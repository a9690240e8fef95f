/// One hyperparameter as its agent documents it: the name (as CleanRL and Stable-Baselines3
/// spell it), the default, the values it may take and what it means.
public struct HyperparameterSpec: Sendable, Hashable {
    public let name: String
    public let defaultValue: Double
    /// The values it may take (inclusive).
    public let range: ClosedRange<Double>
    /// Whether only whole numbers are allowed (counts, flags and choices).
    public let whole: Bool
    public let meaning: String

    /// A real number in `range`.
    static func real(_ name: String, _ defaultValue: Double, _ range: ClosedRange<Double>, _ meaning: String) -> HyperparameterSpec {
        HyperparameterSpec(name: name, defaultValue: defaultValue, range: range, whole: false, meaning: meaning)
    }

    /// A whole number from `minimum` to `maximum` (a count of steps, samples, units, passes …).
    static func count(_ name: String, _ defaultValue: Double, minimum: Int = 1, maximum: Int = Hyperparameters.maximumCount,
                      _ meaning: String) -> HyperparameterSpec {
        HyperparameterSpec(name: name, defaultValue: defaultValue, range: Double(minimum)...Double(maximum), whole: true, meaning: meaning)
    }

    /// 0 (off) or 1 (on).
    static func flag(_ name: String, _ defaultValue: Double, _ meaning: String) -> HyperparameterSpec {
        HyperparameterSpec(name: name, defaultValue: defaultValue, range: 0...1, whole: true, meaning: meaning)
    }

    /// A learning rate: from 10⁻⁹ to 1.
    static func learningRate(_ name: String, _ defaultValue: Double, _ meaning: String) -> HyperparameterSpec {
        real(name, defaultValue, 1e-9...1, meaning)
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
