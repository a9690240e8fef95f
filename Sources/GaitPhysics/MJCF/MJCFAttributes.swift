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

    /// Whitespace-separated numbers; `counts` lists the accepted lengths.
    func numbers(_ name: String, counts: [Int]) throws(ModelError) -> [Double]? {
        guard let value = values[name] else { return nil }
        let words = value.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
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

    /// A frame orientation given by `quat` (w x y z) or `euler` (intrinsic x-y-z), identity if neither.
    func orientation(angleScale: Double) throws(ModelError) -> Quaternion {
        if let q = try numbers("quat", counts: [4]) {
            if values["euler"] != nil { throw invalid("euler", expected: "either quat or euler, not both") }
            let quaternion = Quaternion(w: q[0], x: q[1], y: q[2], z: q[3])
            guard q.contains(where: { $0 != 0 }) else { throw invalid("quat", expected: "a non-zero quaternion") }
            return quaternion.normalized
        }
        if let e = try vector("euler") {
            let a = e * angleScale
            return (Quaternion(axis: Vector3(1, 0, 0), angle: a.x) * Quaternion(axis: Vector3(0, 1, 0), angle: a.y)
                * Quaternion(axis: Vector3(0, 0, 1), angle: a.z)).normalized
        }
        return .identity
    }
}
