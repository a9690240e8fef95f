import GaitCore
import GaitPhysics

/// Where a task writes its observation, one named part after another. The same `observe` code
/// gives the layout (a recording writer keeps each part's name and size) and the values (a writer
/// made for that layout, which checks that every part starts where the layout has it), so the
/// observation's parts and its values cannot disagree.
public struct ObservationWriter: Sendable {
    /// The values written since the last `restart()`: the observation once `observe` returns.
    public private(set) var values: [Float]
    /// The parts written so far, with their sizes; recorded only by a writer made with
    /// `recording()`.
    public private(set) var parts: [ObservationPart] = []
    /// How many values were written since the last `restart()`.
    public private(set) var count = 0
    private let isRecording: Bool
    /// Where each part of the layout starts and what it is called (a writing writer).
    private let layout: [(start: Int, name: String)]
    private var nextPart = 0
    /// The first place the writes left the layout since the last `restart()`.
    private var departure: String?

    private init(values: [Float], layout: [(start: Int, name: String)], isRecording: Bool) {
        self.values = values
        self.layout = layout
        self.isRecording = isRecording
    }

    /// A writer that records the parts written and keeps no values.
    public static func recording() -> ObservationWriter { ObservationWriter(values: [], layout: [], isRecording: true) }

    /// A writer for observations laid out as `parts`.
    public init(parts: [ObservationPart]) {
        var layout: [(start: Int, name: String)] = []
        var size = 0
        for part in parts {
            layout.append((size, part.name))
            size += part.size
        }
        self.init(values: [Float](repeating: 0, count: size), layout: layout, isRecording: false)
    }

    /// Where the values written since the last `restart()` left the layout, or nil when they
    /// followed it exactly.
    public var layoutProblem: String? {
        if let departure { return departure }
        if nextPart != layout.count { return "the task wrote \(nextPart) observation parts where its layout has \(layout.count)" }
        if count != values.count { return "the task wrote \(count) observation values where its layout has \(values.count)" }
        return nil
    }

    /// Starts writing the next observation from its first value.
    public mutating func restart() {
        count = 0
        nextPart = 0
        departure = nil
    }

    /// Starts the part called `name`; the values added until the next part belong to it.
    public mutating func part(_ name: String) {
        if isRecording {
            parts.append(ObservationPart(name, size: 0))
            return
        }
        if departure == nil {
            if nextPart >= layout.count {
                departure = "the task wrote a part '\(name)' beyond its layout's \(layout.count)"
            } else if layout[nextPart].start != count || layout[nextPart].name != name {
                departure = "the task wrote part '\(name)' from value \(count) where its layout has '\(layout[nextPart].name)' from value \(layout[nextPart].start)"
            }
        }
        nextPart += 1
    }

    /// Adds one value to the current part.
    public mutating func add(_ value: Double) {
        if isRecording {
            precondition(!parts.isEmpty, "an observation value was added before its part was named: call part(_:) first")
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
        guard count + size <= values.count else {
            count += size
            return
        }
        let end = write(&values, count)
        if end != count + size && departure == nil {
            departure = "the task's part '\(name)' wrote \(end - count) values where it declares \(size)"
        }
        count += size
    }
}
