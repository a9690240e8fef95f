/// Rejects actions of the wrong size or with non-finite components, and clips the rest into the
/// action space, counting clipped components in `info["clipped_actions"]`.
public final class ActionClipping: Wrapper {
    private var clipped: [Float] = []
    /// The info it returns, kept so that adding the count to the inner step's does not copy that
    /// info's storage every step.
    private var info = Info()

    public override func step(_ action: [Float]) throws(EnvironmentError) -> StepResult {
        let space = inner.actionSpace
        try Self.check(action, size: space.size)
        if clipped.count != action.count { clipped = action }
        var count = 0
        for index in action.indices {
            let value = action[index]
            let bounded = min(max(value, space.low[index]), space.high[index])
            if bounded != value { count += 1 }
            clipped[index] = bounded
        }
        var result = try inner.step(clipped)
        info.replaceEntries(with: result.info)
        info["clipped_actions"] = Double(count)
        result.info = info
        return result
    }

    /// Throws unless `action` has `size` components, all finite.
    public static func check(_ action: [Float], size: Int) throws(EnvironmentError) {
        guard action.count == size else { throw .wrongActionSize(expected: size, got: action.count) }
        if let index = action.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteAction(index: index) }
    }
}
