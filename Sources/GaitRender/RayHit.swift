/// Where a ray meets a solid: the distance along the ray and the outward surface normal.
struct RayHit {
    var distance: Double
    var normal: SIMD3<Double>

    /// The hit nearer along the ray (either may be missing).
    static func nearer(_ a: RayHit?, _ b: RayHit?) -> RayHit? {
        guard let a else { return b }
        guard let b else { return a }
        return a.distance <= b.distance ? a : b
    }
}
