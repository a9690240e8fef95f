/// The mean squared error ½-free form used by PyTorch's `mse_loss`: mean((prediction − target)²).
public enum MeanSquaredError {
    /// The loss over all elements, writing dL/dprediction into `gradient` (resized to match).
    public static func loss(prediction: Matrix, target: Matrix, gradient: Matrix) -> Float {
        precondition(prediction.rows == target.rows && prediction.columns == target.columns, "shapes differ")
        gradient.resize(rows: prediction.rows)
        let count = prediction.count
        let scale = 2 / Float(count)
        var sum: Float = 0
        for i in 0..<count {
            let difference = prediction.values[i] - target.values[i]
            sum += difference * difference
            gradient.values[i] = scale * difference
        }
        return sum / Float(count)
    }
}
