import Foundation
import GaitCore

/// The names under which step infos are written as plain numbers: the caller reads the names
/// once (as JSON) and then only the values, until a step reports that the layout changed.
struct InfoLayout: Encodable {
    /// The numeric entries' names, in order.
    private(set) var keys: [String] = []
    /// The numbers of the step that set this layout, one row per environment copy, so that
    /// this step loses nothing even when they did not fit the caller's buffer.
    private(set) var values: [[Double]] = []

    /// Adopts the first info's names when they differ from the current ones or do not fit
    /// `capacity` numbers, keeping every info's values; returns true when the layout changed.
    mutating func adopt(_ infos: some Collection<Info>, capacity: Int) -> Bool {
        guard let first = infos.first, first.keys != keys || first.keys.count > capacity else { return false }
        keys = first.keys
        values = infos.map { info in keys.map { info[$0] ?? .nan } }
        return true
    }

    /// Writes `info`'s value for each name (NaN where it has none), at most `capacity` of them:
    /// value k to `values[k * stride]`.
    func write(_ info: Info, to values: UnsafeMutablePointer<Double>, capacity: Int, stride: Int = 1) {
        if info.keys == keys {
            for index in 0..<min(keys.count, capacity) { values[index * stride] = info.values[index] }
        } else {
            for (index, key) in keys.prefix(capacity).enumerated() { values[index * stride] = info[key] ?? .nan }
        }
    }
}
