extension RandomSource {
    /// The generator's state as eight numbers (32-bit halves of its four words), which a
    /// `[Double]` snapshot or a checkpoint holds exactly.
    public var exactValues: [Double] {
        var result: [Double] = []
        for word in words { result += [Double(word >> 32), Double(word & 0xFFFF_FFFF)] }
        return result
    }

    /// Restores a state saved with `exactValues`; nil unless `values` is one (eight whole numbers
    /// below 2³², not all zero: a generator in the all-zero state would return zeros forever).
    public init?(exactValues values: some Collection<Double>) {
        let values = Array(values)
        let halves = values.compactMap { $0.wholeNumber(in: 0...Int(UInt32.max)) }
        guard values.count == 8, halves.count == 8 else { return nil }
        let words = (0..<4).map { UInt64(halves[2 * $0]) << 32 | UInt64(halves[2 * $0 + 1]) }
        guard words.contains(where: { $0 != 0 }) else { return nil }
        self.init(words: words)
    }
}
