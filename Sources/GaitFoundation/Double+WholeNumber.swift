extension Double {
    /// This value as an `Int` when it is a whole number in `range`, else nil. It never traps:
    /// NaN, infinities and values beyond `Int` are simply not whole numbers in range.
    public func wholeNumber(in range: ClosedRange<Int>) -> Int? {
        guard let whole = Int(exactly: self), range.contains(whole) else { return nil }
        return whole
    }
}
