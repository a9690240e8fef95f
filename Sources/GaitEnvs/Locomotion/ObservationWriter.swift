import GaitCore
import GaitPhysics

/// Where a task writes its observation, one named part after another. The same `observe` code
/// gives the layout (a recording writer keeps each part's name and size) and the values (a writer
/// sized to that layout), so the observation's parts and its values cannot disagree.
public struct ObservationWriter: Sendable {
    /// The values written since the last `restart()`: the observation once `observe` returns.
    public private(set) var values: [Float]
    /// The parts written so far, with their sizes; recorded only by a writer made with
    /// `recording()`.
    public private(set) var parts: [ObservationPart] = []
    /// How many values were written since the last `restart()` (beyond `values.count` when a
    /// task wrote more than its layout holds).
    public private(set) var count = 0
    private let isRecording: Bool

    private init(values: [Float], isRecording: Bool) {
        self.values = values
        self.isRecording = isRecording
    }

    /// A writer that records the parts written and keeps no values.
    public static func recording() -> ObservationWriter { ObservationWriter(values: [], isRecording: true) }

    /// A writer for observations laid out as `parts`.
    public init(parts: [ObservationPart]) {
        self.init(values: [Float](repeating: 0, count: parts.reduce(0) { $0 + $1.size }), isRecording: false)
    }

    /// Whether exactly the layout's number of values was written since the last `restart()`.
    public var isComplete: Bool { count == values.count }

    /// Starts writing the next observation from its first value.
    public mutating func restart() { count = 0 }

    /// Starts the part called `name`; the values added until the next part belong to it.
    public mutating func part(_ name: String) {
        if isRecording { parts.append(ObservationPart(name, size: 0)) }
    }

    /// Adds one value to the current part.
    public mutating func add(_ value: Double) {
        if isRecording {
            parts[parts.count - 1] = ObservationPart(parts[parts.count - 1].name, size: parts[parts.count - 1].size + 1)
        } else if count < values.count {
            values[count] = Float(value)
        }
        count += 1
    }

    /// Adds the three components of `vector` to the current part.
    public mutating func add(_ vector: Vector3) {
        add(vector.x)
        add(vector.y)
        add(vector.z)
    }

    /// Writes the part `name` holding one value.
    public mutating func append(_ name: String, _ value: Double) {
        part(name)
        add(value)
    }

    /// Writes the part `name` holding the three components of `vector`.
    public mutating func append(_ name: String, _ vector: Vector3) {
        part(name)
        add(vector)
    }

    /// Writes the part `name` of `size` values that `write` puts into an array from an index,
    /// returning the index after them (as `Simulation.read(_:into:at:)` does).
    public mutating func append(_ name: String, size: Int, _ write: (inout [Float], Int) -> Int) {
        part(name)
        if isRecording {
            for _ in 0..<size { add(0) }
            return
        }
        if count + size <= values.count {
            let end = write(&values, count)
            count = end == count + size ? end : values.count + 1  // a short or long write leaves the writer incomplete
        } else {
            count += size
        }
    }
}
