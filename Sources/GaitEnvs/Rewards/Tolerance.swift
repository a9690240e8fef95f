import Foundation

/// dm_control's shaping primitive: 1 inside `bounds`, falling off outside them.
///
/// With `margin` 0 the result is 0 outside the bounds. Otherwise d is the distance to the
/// nearest bound divided by `margin`, and the value at d = 1 is `valueAtMargin`.
public func tolerance(_ x: Double, bounds: (lower: Double, upper: Double) = (0, 0), margin: Double = 0,
                      sigmoid: Sigmoid = .gaussian, valueAtMargin: Double = 0.1) -> Double {
    precondition(bounds.lower <= bounds.upper, "tolerance bounds must be ordered")
    precondition(margin >= 0, "tolerance margin must be non-negative")
    if bounds.lower <= x && x <= bounds.upper { return 1 }
    guard margin > 0 else { return 0 }
    let d = (x < bounds.lower ? bounds.lower - x : x - bounds.upper) / margin
    switch sigmoid {
    case .gaussian:
        let scale = (-2 * log(valueAtMargin)).squareRoot()
        return exp(-0.5 * (d * scale) * (d * scale))
    case .linear:
        let scaled = d * (1 - valueAtMargin)
        return scaled < 1 ? 1 - scaled : 0
    case .quadratic:
        let scaled = d * (1 - valueAtMargin).squareRoot()
        return scaled < 1 ? 1 - scaled * scaled : 0
    }
}
