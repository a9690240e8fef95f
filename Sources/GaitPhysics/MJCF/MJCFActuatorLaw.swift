/// An actuator's force law as MuJoCo holds it before compiling: gain, bias and activation
/// dynamics as types and parameter arrays, and the element kind that last wrote them.
///
/// Default classes hold one law each, so that a kind's shortcuts and a `general` element's arrays
/// meet as in MuJoCo 3.17: a class `<general gainprm="50" biastype="affine" biasprm="0 -50 -5"/>`
/// gives a `<position>` kp 50 and kv 5, and a class `<position kp="30"/>` gives a `<general>`
/// gain 30 and bias 0 −30 0. A `position` or `velocity` element takes its own parameters (kp, kv,
/// dampratio, timeconst) from the nearest law up its class chain that its own kind or `general`
/// wrote, and MuJoCo's defaults when there is none; a `motor` resets the law.
struct MJCFActuatorLaw {
    /// The element kind that wrote the law last: general, motor, position or velocity.
    var kind = "general"
    var gainType = "fixed"
    var gains = [1.0] + Array(repeating: 0, count: 9)
    var biasType = "none"
    var biases = Array(repeating: 0.0, count: 10)
    var dynamicsType = "none"
    var dynamicsParameters = [1.0] + Array(repeating: 0, count: 9)

    /// The attributes that write a law; the rest of an actuator's attributes (ranges, gear,
    /// transmission) follow their class as any element's do.
    static let attributes: Set<String> = ["kp", "kv", "dampratio", "timeconst", "gaintype", "gainprm", "biastype", "biasprm",
                                          "dyntype", "dynprm"]

    /// The law an element of `kind` with attributes `a` writes over `chain`: its class's law, then
    /// the laws of that class's ancestors, nearest first.
    static func written(by kind: String, _ a: MJCFAttributes, over chain: [MJCFActuatorLaw]) throws(ModelError) -> MJCFActuatorLaw {
        var law = chain.first ?? MJCFActuatorLaw()
        let source = chain.first { $0.kind == kind || $0.kind == "general" } ?? MJCFActuatorLaw()
        switch kind {
        case "general":
            law.gainType = a.text("gaintype") ?? law.gainType
            law.gains = try a.numbers("gainprm", over: law.gains)
            law.biasType = a.text("biastype") ?? law.biasType
            law.biases = try a.numbers("biasprm", over: law.biases)
            law.dynamicsType = a.text("dyntype") ?? law.dynamicsType
            law.dynamicsParameters = try a.numbers("dynprm", over: law.dynamicsParameters)
        case "motor":
            law.setFixedGain(1, biases: nil)
            law.dynamicsType = "none"
        case "position":
            let kp = try a.number("kp") ?? source.gains[0]
            guard kp >= 0 else { throw a.invalid("kp", expected: "a non-negative gain") }
            // biasprm[2]: −kv, or a positive damping ratio.
            var damping = source.biases[2]
            if let kv = try a.number("kv") {
                guard kv >= 0 else { throw a.invalid("kv", expected: "a non-negative gain") }
                damping = -kv
            }
            if let ratio = try a.number("dampratio") {
                guard ratio >= 0 else { throw a.invalid("dampratio", expected: "a non-negative damping ratio (1: critically damped)") }
                damping = ratio
            }
            let inherited = source.dynamicsType == "filterexact" ? source.dynamicsParameters[0] : 0
            let timeConstant = try a.number("timeconst") ?? inherited
            guard timeConstant >= 0 else { throw a.invalid("timeconst", expected: "a non-negative time constant in seconds (0: none)") }
            law.setFixedGain(kp, biases: [0, -kp, damping])
            law.dynamicsType = timeConstant > 0 ? "filterexact" : "none"
            if timeConstant > 0 { law.dynamicsParameters[0] = timeConstant }
        case "velocity":
            let kv = try a.number("kv") ?? source.gains[0]
            guard kv >= 0 else { throw a.invalid("kv", expected: "a non-negative gain") }
            law.setFixedGain(kv, biases: [0, 0, -kv])
            law.dynamicsType = "none"
        default:
            break
        }
        law.kind = kind
        return law
    }

    /// A fixed gain, and an affine bias with `biases` first (none when nil).
    private mutating func setFixedGain(_ gain: Double, biases: [Double]?) {
        (gainType, gains[0]) = ("fixed", gain)
        biasType = biases == nil ? "none" : "affine"
        self.biases = (biases ?? []) + Array(repeating: 0, count: 10 - (biases?.count ?? 0))
    }
}
