/// How `tolerance` falls off outside its bounds.
public enum Sigmoid: String, Sendable, CaseIterable, Codable {
    /// exp(−½(d·s)²), s = √(−2 ln v).
    case gaussian
    /// 1 − d·s (zero beyond), s = 1 − v.
    case linear
    /// 1 − (d·s)² (zero beyond), s = √(1 − v).
    case quadratic
}
