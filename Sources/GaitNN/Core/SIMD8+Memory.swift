extension SIMD8 where Scalar == Float {
    /// Eight consecutive values from `pointer` (no alignment needed).
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
    }

    /// Eight consecutive values from `pointer` (no alignment needed).
    @inline(__always)
    static func load(_ pointer: UnsafeMutablePointer<Float>) -> Self { load(UnsafePointer(pointer)) }

    /// Writes the eight values to `pointer` (no alignment needed).
    @inline(__always)
    func store(_ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
    }
}
