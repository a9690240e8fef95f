/// Zero-mean, unit-variance rescaling (advantage normalisation).
enum Standardize {
    /// (x − mean) / (std + 1e-8), with the sample standard deviation as PyTorch's `std()`.
    static func values(_ x: [Float]) -> [Float] {
        guard x.count > 1 else { return x }
        let mean = x.reduce(0, +) / Float(x.count)
        let variance = x.reduce(Float(0)) { $0 + ($1 - mean) * ($1 - mean) } / Float(x.count - 1)
        let scale = 1 / (variance.squareRoot() + 1e-8)
        return x.map { ($0 - mean) * scale }
    }
}
