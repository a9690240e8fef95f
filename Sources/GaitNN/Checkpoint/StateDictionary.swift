import Foundation
import GaitFoundation

/// Everything a learner needs to continue exactly where it stopped, by name (PyTorch's
/// `state_dict`): float tensors (weights, optimiser moments, stored transitions) and exact
/// numbers (counters, statistics, random generator states) kept as text in the safetensors
/// metadata. Saved and read as one safetensors file.
public struct StateDictionary: Sendable {
    /// The underlying file contents.
    public var file: Safetensors

    /// An empty state, or the state held in `file`.
    public init(_ file: Safetensors = Safetensors()) { self.file = file }

    // MARK: Writing

    /// Stores `count` floats from `values` under `name` with `shape` (default: a vector).
    public mutating func set(_ name: String, _ values: UnsafePointer<Float>, count: Int, shape: [Int]? = nil) {
        file.tensors[name] = Safetensors.Tensor(shape: shape ?? [count], values: Array(UnsafeBufferPointer(start: values, count: count)))
    }

    /// Stores a float vector under `name`.
    public mutating func set(_ name: String, floats: [Float]) {
        file.tensors[name] = Safetensors.Tensor(shape: [floats.count], values: floats)
    }

    /// Stores numbers exactly (as shortest round-trip text) under `name`.
    public mutating func set(_ name: String, numbers: [Double]) {
        file.metadata[name] = numbers.map { "\($0)" }.joined(separator: ",")
    }

    /// Stores one number exactly.
    public mutating func set(_ name: String, number: Double) { set(name, numbers: [number]) }

    /// Stores a random generator's state.
    public mutating func set(_ name: String, random: RandomSource) {
        set(name, numbers: random.exactValues)
    }

    /// Stores a text value.
    public mutating func set(_ name: String, text: String) { file.metadata[name] = text }

    // MARK: Reading

    /// The floats stored under `name`, which must hold exactly `count` of them.
    public func floats(_ name: String, count: Int) throws(CheckpointError) -> [Float] {
        guard let tensor = file.tensors[name] else { throw .missingTensor(name: name) }
        guard tensor.values.count == count else { throw .shapeMismatch(name: name, expected: [count], found: tensor.shape) }
        return tensor.values
    }

    /// Copies the floats stored under `name` into `destination`, which they must fill exactly.
    public func load(_ name: String, into destination: UnsafeMutableBufferPointer<Float>) throws(CheckpointError) {
        let values = try floats(name, count: destination.count)
        _ = destination.update(fromContentsOf: values)
    }

    /// The numbers stored under `name` (exactly `count` of them when given), each finite unless
    /// `allowingNonFinite`.
    public func numbers(_ name: String, count: Int? = nil, allowingNonFinite: Bool = false) throws(CheckpointError) -> [Double] {
        guard let text = file.metadata[name] else { throw .missingTensor(name: name) }
        let parts = text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false)
        if let count, parts.count != count { throw .shapeMismatch(name: name, expected: [count], found: [parts.count]) }
        var result: [Double] = []
        for part in parts {
            guard let value = Double(part), allowingNonFinite || value.isFinite else {
                throw .corrupted(path: name, reason: "'\(part)' is not a finite number")
            }
            result.append(value)
        }
        return result
    }

    /// The one number stored under `name`.
    public func number(_ name: String) throws(CheckpointError) -> Double { try numbers(name, count: 1)[0] }

    /// The whole numbers stored under `name`, each in `range` (exactly `count` of them when given).
    public func counts(_ name: String, count: Int? = nil, in range: ClosedRange<Int> = 0...Self.maximumCount) throws(CheckpointError) -> [Int] {
        try numbers(name, count: count).map { value throws(CheckpointError) in try Self.whole(value, in: range, name: name) }
    }

    /// The whole number stored under `name`, in `range`.
    public func int(_ name: String, in range: ClosedRange<Int> = 0...Self.maximumCount) throws(CheckpointError) -> Int {
        try counts(name, count: 1, in: range)[0]
    }

    /// The floats stored under `name` as whole numbers in `range` (exactly `count` of them).
    public func wholeFloats(_ name: String, count: Int, in range: ClosedRange<Int>) throws(CheckpointError) -> [Int] {
        try floats(name, count: count).map { value throws(CheckpointError) in try Self.whole(Double(value), in: range, name: name) }
    }

    /// The largest count a checkpoint may hold (2⁵³, where doubles stop being exact).
    public static let maximumCount = 1 << 53

    /// `value`, read under `name`, as an `Int` if it is a whole number in `range`.
    public static func whole(_ value: Double, in range: ClosedRange<Int> = 0...maximumCount, name: String) throws(CheckpointError) -> Int {
        guard abs(value) <= Double(maximumCount), let whole = value.wholeNumber(in: range) else {
            throw .corrupted(path: name, reason: "\(value) is not a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return whole
    }

    /// The random generator state stored under `name`.
    public func random(_ name: String) throws(CheckpointError) -> RandomSource {
        guard let random = RandomSource(exactValues: try numbers(name)) else {
            throw .corrupted(path: name, reason: "not a random generator state")
        }
        return random
    }

    /// The text stored under `name`.
    public func text(_ name: String) throws(CheckpointError) -> String {
        guard let text = file.metadata[name] else { throw .missingTensor(name: name) }
        return text
    }
}
