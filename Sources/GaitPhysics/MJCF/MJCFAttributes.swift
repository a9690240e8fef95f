/// The attributes of one MJCF element after its default class has been applied, each with the
/// line it was written on, and typed accessors that report bad values against that line.
struct MJCFAttributes {
    /// An attribute's text and the line it came from.
    struct Value {
        var text: String
        var line: Int
    }

    var element: String
    var line: Int
    var source: String
    var values: [String: Value]

    /// The raw text of an attribute, if present.
    func text(_ name: String) -> String? { values[name]?.text }

    /// A required attribute's text.
    func required(_ name: String) throws(ModelError) -> String {
        guard let value = values[name] else {
            throw ModelError(source: source, line: line, reason: .missingAttribute(element: element, attribute: name))
        }
        return value.text
    }

    func invalid(_ name: String, expected: String) -> ModelError {
        let value = values[name]
        return ModelError(source: source, line: value?.line ?? line, reason: .invalidValue(
            element: element, attribute: name, value: value?.text ?? "", expected: expected))
    }

    /// The largest magnitude a number in a model may have: larger values (a gravity of 1e300, a
    /// radius of 1e20) would overflow ODE's arithmetic.
    static let largestMagnitude = 1e6

    /// The smallest total mass `settotalmass` may ask for (smaller ones underflow ODE's solver).
    static let smallestMass = 1e-6

    /// The words of an attribute's text, split at the white space C's `isspace` knows, as
    /// MuJoCo's parser splits arrays.
    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isASCII && $0.isWhitespace })
    }

    /// Whitespace-separated numbers; `counts` lists the accepted lengths. An attribute without
    /// numbers is absent, as MuJoCo reads it.
    func numbers(_ name: String, counts: [Int]) throws(ModelError) -> [Double]? {
        guard let value = values[name] else { return nil }
        let words = Self.words(value.text)
        guard !words.isEmpty else { return nil }
        var result: [Double] = []
        for word in words {
            guard let number = Double(word), number.isFinite, abs(number) <= Self.largestMagnitude else {
                throw invalid(name, expected: expectation(counts))
            }
            result.append(number)
        }
        guard counts.contains(result.count) else { throw invalid(name, expected: expectation(counts)) }
        return result
    }

    /// Up to `defaults.count` numbers with MuJoCo's `defaults` after them (all of them when the
    /// attribute is absent): an array MuJoCo reads as a prefix of its defaults.
    func numbers(_ name: String, over defaults: [Double]) throws(ModelError) -> [Double] {
        let given = try numbers(name, counts: Array(1...defaults.count)) ?? []
        return given + defaults.dropFirst(given.count)
    }

    private func expectation(_ counts: [Int]) -> String {
        let list = counts.map(String.init).joined(separator: " or ")
        let bound = "of magnitude at most 1e6"
        return counts == [1] ? "a number \(bound)" : "\(list) numbers \(bound), separated by spaces"
    }

    /// One number.
    func number(_ name: String) throws(ModelError) -> Double? {
        try numbers(name, counts: [1])?[0]
    }

    /// Three numbers as a vector.
    func vector(_ name: String) throws(ModelError) -> Vector3? {
        guard let n = try numbers(name, counts: [3]) else { return nil }
        return Vector3(n[0], n[1], n[2])
    }

    /// A non-negative whole number.
    func bits(_ name: String) throws(ModelError) -> UInt32? {
        guard let text = text(name) else { return nil }
        guard let value = UInt32(text) else { throw invalid(name, expected: "a non-negative whole number") }
        return value
    }

    /// "true", "false" or "auto" (nil when absent or auto).
    func flag(_ name: String) throws(ModelError) -> Bool? {
        switch text(name) {
        case nil, "auto": return nil
        case "true": return true
        case "false": return false
        default: throw invalid(name, expected: "true, false or auto")
        }
    }

    /// A range "lo hi" with lo < hi.
    func range(_ name: String, scale: Double) throws(ModelError) -> ClosedRange<Double>? {
        guard let n = try numbers(name, counts: [2]) else { return nil }
        guard n[0] < n[1] else { throw invalid(name, expected: "a lower bound below the upper bound") }
        return (n[0] * scale)...(n[1] * scale)
    }

    /// A frame orientation given by one of `quat` (w x y z), `axisangle` (axis, angle),
    /// `euler` (three angles about the axes `sequence` names: lowercase rotating, uppercase fixed),
    /// `xyaxes` (the frame's x and y axes) or `zaxis` (the frame's z axis, by the shortest arc);
    /// the identity if none. (The loader lets an element give only one; see `exclusiveAttributes`.)
    func orientation(angleScale: Double, sequence: String = "xyz") throws(ModelError) -> Quaternion {
        if let q = try numbers("quat", counts: [4]) {
            guard q.contains(where: { abs($0) >= 1e-6 }) else { throw invalid("quat", expected: "a non-zero quaternion") }
            return Quaternion(w: q[0], x: q[1], y: q[2], z: q[3]).normalized
        }
        if let n = try numbers("axisangle", counts: [4]) {
            let axis = Vector3(n[0], n[1], n[2])
            guard axis.length >= 1e-6 else { throw invalid("axisangle", expected: "a non-zero axis and an angle") }
            return Quaternion(axis: axis, angle: n[3] * angleScale)
        }
        if let e = try vector("euler") {
            let angles = [e.x, e.y, e.z]
            var rotation = Quaternion.identity
            for (character, angle) in zip(sequence, angles) {
                let axis = switch character.lowercased() {
                case "x": Vector3(1, 0, 0)
                case "y": Vector3(0, 1, 0)
                default: Vector3(0, 0, 1)
                }
                let turn = Quaternion(axis: axis, angle: angle * angleScale)
                rotation = character.isLowercase ? rotation * turn : turn * rotation
            }
            return rotation.normalized
        }
        if let n = try numbers("xyaxes", counts: [6]) {
            let x = Vector3(n[0], n[1], n[2])
            var y = Vector3(n[3], n[4], n[5])
            guard x.length >= 1e-6 else { throw invalid("xyaxes", expected: "a non-zero x axis and a y axis not parallel to it") }
            let unitX = x / x.length
            y = y - y.dot(unitX) * unitX
            guard y.length >= 1e-6 else { throw invalid("xyaxes", expected: "a non-zero x axis and a y axis not parallel to it") }
            let unitY = y / y.length
            return Quaternion(rotationColumns: unitX, unitY, unitX.cross(unitY))
        }
        if let z = try vector("zaxis") {
            guard z.length >= 1e-6 else { throw invalid("zaxis", expected: "a non-zero direction") }
            return Quaternion(rotatingZOnto: z)
        }
        return .identity
    }
}
