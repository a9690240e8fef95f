extension SIMD8 where Scalar == Float {
    /// tanh of every lane, within a few units in the last place, by the same instructions on
    /// every CPU (no libm, whose variants differ between CPUs): tanh|x| = e / (e + 2) with
    /// e = expm1(2|x|), the sign of x restored. |x| is capped at 9, where tanh rounds to 1;
    /// NaN stays NaN and ±0 stays ±0.
    @inline(__always)
    static func tanh(_ x: Self) -> Self {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        let magnitude = unsafeBitCast(bits & 0x7FFF_FFFF, to: Self.self)
        let y = 2 * magnitude.replacing(with: 9, where: magnitude .> 9)
        // y = k·ln 2 + r with |r| ≤ ½ ln 2. Adding 1.5·2²³ rounds y/ln 2 to the nearest whole k
        // and leaves k in the low bits; ln 2 is split in two so that r is exact.
        let shifted = y * 1.442_695_04 + 12_582_912
        let k = shifted - 12_582_912
        let r = (y - k * 0.693_145_751_953_125) - k * 1.428_606_820_309_417e-6
        // expm1(r) by its Taylor series to r⁸ (the first term left out is below 2·10⁻¹⁰).
        var series = r * (1 / 40_320) + 1 / 5_040
        series = series * r + 1 / 720
        series = series * r + 1 / 120
        series = series * r + 1 / 24
        series = series * r + 1 / 6
        series = series * r + 1 / 2
        let small = r + r * r * series
        // expm1(y) = 2ᵏ·expm1(r) + (2ᵏ − 1), with 2ᵏ built from its exponent bits (0 ≤ k ≤ 26).
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let power = unsafeBitCast((exponent &+ 127) &<< 23, to: Self.self)
        let e = power * small + (power - 1)
        let result = e / (e + 2)
        let signed = unsafeBitCast(unsafeBitCast(result, to: SIMD8<UInt32>.self) | (bits & 0x8000_0000), to: Self.self)
        return signed.replacing(with: x, where: x .!= x)
    }
}
