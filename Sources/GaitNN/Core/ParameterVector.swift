/// A free-standing vector of trainable parameters with its gradient (a state-independent log
/// standard deviation, SAC's log α …).
public final class ParameterVector {
    public let parameters: UnsafeMutableBufferPointer<Float>
    public let gradients: UnsafeMutableBufferPointer<Float>

    /// `count` parameters, all set to `value`.
    public init(count: Int, value: Float = 0) {
        parameters = .allocate(capacity: count)
        parameters.initialize(repeating: value)
        gradients = .allocate(capacity: count)
        gradients.initialize(repeating: 0)
    }

    deinit {
        parameters.deallocate()
        gradients.deallocate()
    }

    public var count: Int { parameters.count }
}
