/// dm_control's `small_control`: (4 + mean of tolerance(aᵢ, margin 1, quadratic, 0)) / 5, which is
/// 1 for zero controls and 0.8 for controls at full scale.
func smallControl(_ controls: [Double]) -> Double {
    guard !controls.isEmpty else { return 1 }
    let mean = controls.reduce(0) { $0 + tolerance($1, margin: 1, sigmoid: .quadratic, valueAtMargin: 0) } / Double(controls.count)
    return (4 + mean) / 5
}
