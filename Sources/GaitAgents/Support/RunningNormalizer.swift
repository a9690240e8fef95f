import Foundation

/// Running mean and variance of vectors (the parallel update of Chan et al., as Gymnasium's
/// `RunningMeanStd`), used to normalise observations: (x − mean) / √(var + ε), clipped.
public struct RunningNormalizer: Sendable, Hashable {
    public private(set) var mean: [Double]
    public private(set) var variance: [Double]
    public private(set) var count: Double
    /// Normalised values are clipped to ±clip.
    public let clip: Float

    /// Statistics for vectors of `size` components.
    public init(size: Int, clip: Float = 10) {
        mean = [Double](repeating: 0, count: size)
        variance = [Double](repeating: 1, count: size)
        count = 1e-4
        self.clip = clip
    }

    /// Restores saved statistics.
    public init(mean: [Double], variance: [Double], count: Double, clip: Float = 10) {
        self.mean = mean
        self.variance = variance
        self.count = count
        self.clip = clip
    }

    /// Folds the rows of `batch` (row-major, `rows` × size) into the statistics.
    public mutating func update(_ batch: UnsafePointer<Float>, rows: Int) {
        let size = mean.count
        for j in 0..<size {
            var batchMean = 0.0
            for r in 0..<rows { batchMean += Double(batch[r * size + j]) }
            batchMean /= Double(rows)
            var batchVariance = 0.0
            for r in 0..<rows {
                let d = Double(batch[r * size + j]) - batchMean
                batchVariance += d * d
            }
            batchVariance /= Double(rows)
            let total = count + Double(rows)
            let delta = batchMean - mean[j]
            mean[j] += delta * Double(rows) / total
            variance[j] = (variance[j] * count + batchVariance * Double(rows) + delta * delta * count * Double(rows) / total) / total
        }
        count += Double(rows)
    }

    /// Normalises `rows` vectors in place.
    public func normalize(_ values: UnsafeMutablePointer<Float>, rows: Int) {
        let size = mean.count
        for r in 0..<rows {
            for j in 0..<size {
                let z = (Double(values[r * size + j]) - mean[j]) / (variance[j] + 1e-8).squareRoot()
                values[r * size + j] = min(max(Float(z), -clip), clip)
            }
        }
    }
}
