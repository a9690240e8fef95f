extension UnsafeMutablePointer<Float> {
    /// Copies an observation to `self + offset`, refusing one whose size is not `expected` (what
    /// environment `id` declares) instead of writing past the caller's buffer.
    func store(_ values: [Float], at offset: Int = 0, expected: Int, id: String) throws {
        guard values.count == expected else {
            throw ABIError.outOfRange(name: "\(id)'s observation size", value: values.count, range: expected...expected)
        }
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { (self + offset).update(from: base, count: $0.count) } }
    }
}
