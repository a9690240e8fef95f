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
    /// The actuator elements Gait reads.
    enum Kind: String { case general, motor, position, velocity }

    /// The kind that wrote the law last.
    var kind = Kind.general
    var gainType = "fixed"
    var gains = Self.unitFirst
    var biasType = "none"
    var biases = Self.zeros
    var dynamicsType = "none"
    var dynamicsParameters = Self.unitFirst
    /// The lines that wrote the types and the dynamics parameters (by attribute name), so that
    /// an actuator refusing them can point there.
    var lines: [String: Int] = [:]

    private static let zeros = [Double](repeating: 0, count: 10)
    private static let unitFirst = [1.0] + zeros.dropFirst()

    /// The attributes that write a law; the rest of an actuator's attributes (ranges, gear,
    /// transmission) follow their class as any element's do.
    static let attributes: Set<String> = ["kp", "kv", "dampratio", "timeconst", "gaintype", "gainprm", "biastype", "biasprm",
                                          "dyntype", "dynprm"]

    /// The law an element of `kind` with attributes `a` writes over `chain`: its class's law, then
    /// the laws of that class's ancestors, nearest first. Negative kv, dampratio and timeconst are
    /// refused as MuJoCo refuses them; a negative kp or velocity kv (which MuJoCo takes) too, where
    /// written.
    static func written(by kind: Kind, _ a: MJCFAttributes, over chain: [MJCFActuatorLaw]) throws(ModelError) -> MJCFActuatorLaw {
        var law = chain.first ?? MJCFActuatorLaw()
        let source = { chain.first { $0.kind == kind || $0.kind == .general } ?? MJCFActuatorLaw() }
        switch kind {
        case .general:
            for key in ["gaintype", "biastype", "dyntype", "dynprm"] { law.lines[key] = a.values[key]?.line ?? law.lines[key] }
            law.gainType = a.text("gaintype") ?? law.gainType
            law.gains = try a.numbers("gainprm", over: law.gains)
            law.biasType = a.text("biastype") ?? law.biasType
            law.biases = try a.numbers("biasprm", over: law.biases)
            law.dynamicsType = a.text("dyntype") ?? law.dynamicsType
            law.dynamicsParameters = try a.numbers("dynprm", over: law.dynamicsParameters)
        case .motor:
            law.setFixedGain(1, biases: nil, timeConstant: nil, line: a.line)
        case .position:
            let source = source()
            let kp = try nonNegative("kp", a, expected: "a non-negative gain") ?? source.gains[0]
            // biasprm[2]: −kv, or a positive damping ratio.
            var damping = source.biases[2]
            if let kv = try nonNegative("kv", a, expected: "a non-negative gain") { damping = -kv }
            if let ratio = try nonNegative("dampratio", a, expected: "a non-negative damping ratio (1: critically damped)") { damping = ratio }
            let inherited = source.dynamicsType == "filterexact" ? source.dynamicsParameters[0] : nil
            let timeConstant = try nonNegative("timeconst", a, expected: "a non-negative time constant in seconds (0: none)") ?? inherited
            law.setFixedGain(kp, biases: [0, -kp, damping], timeConstant: timeConstant, line: a.line)
        case .velocity:
            let kv = try nonNegative("kv", a, expected: "a non-negative gain") ?? source().gains[0]
            law.setFixedGain(kv, biases: [0, 0, -kv], timeConstant: nil, line: a.line)
        }
        law.kind = kind
        return law
    }

    /// Attribute `name`'s number if written, refused if negative.
    private static func nonNegative(_ name: String, _ a: MJCFAttributes, expected: String) throws(ModelError) -> Double? {
        guard let value = try a.number(name) else { return nil }
        guard value >= 0 else { throw a.invalid(name, expected: expected) }
        return value
    }

    /// What a shortcut element writes, as MuJoCo writes it: a fixed `gain`, an affine bias with
    /// `biases` first (none when nil), and a filterexact activation with `timeConstant` (none
    /// when it is nil or 0), from the element or default on `line`.
    private mutating func setFixedGain(_ gain: Double, biases: [Double]?, timeConstant: Double?, line: Int) {
        (gainType, gains) = ("fixed", [gain] + Self.zeros.dropFirst())
        biasType = biases == nil ? "none" : "affine"
        self.biases = (biases ?? []) + Self.zeros.dropFirst(biases?.count ?? 0)
        dynamicsType = (timeConstant ?? 0) > 0 ? "filterexact" : "none"
        dynamicsParameters = [timeConstant ?? 1] + Self.zeros.dropFirst()
        for key in ["gaintype", "biastype", "dyntype", "dynprm"] { lines[key] = line }
    }
}
