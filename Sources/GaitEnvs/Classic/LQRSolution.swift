/// The finite-horizon optimum of the `lqr` task from the Riccati recursion: the optimal linear
/// feedback for each step and the optimal cost-to-go.
public struct LQRSolution: Sendable {
    /// Feedback gains: the optimal control at step t is u = −gains[t] · x.
    public let gains: [(Double, Double)]
    /// The cost-to-go matrix at step 0 (symmetric, row-major 2×2): optimal cost from x is xᵀPx.
    public let costToGo: [Double]

    /// Solves the recursion for `horizon` steps of x' = A x + B u with cost xᵀQx + uᵀRu per step.
    init(a: [Double], b: [Double], q: [Double], r: Double, horizon: Int) {
        var p = [0.0, 0, 0, 0]
        var gains: [(Double, Double)] = []
        for _ in 0..<horizon {
            // pb = P·B, bpb = BᵀPB, bpa = BᵀPA
            let pb = [p[0] * b[0] + p[1] * b[1], p[2] * b[0] + p[3] * b[1]]
            let bpb = b[0] * pb[0] + b[1] * pb[1]
            let bpa = (pb[0] * a[0] + pb[1] * a[2], pb[0] * a[1] + pb[1] * a[3])
            let k = (bpa.0 / (r + bpb), bpa.1 / (r + bpb))
            // closed loop A − B·K, then P ← Q + Aᵀ P (A − B K)
            let c = [a[0] - b[0] * k.0, a[1] - b[0] * k.1, a[2] - b[1] * k.0, a[3] - b[1] * k.1]
            let pc = [p[0] * c[0] + p[1] * c[2], p[0] * c[1] + p[1] * c[3],
                      p[2] * c[0] + p[3] * c[2], p[2] * c[1] + p[3] * c[3]]
            p = [q[0] + a[0] * pc[0] + a[2] * pc[2], q[1] + a[0] * pc[1] + a[2] * pc[3],
                 q[2] + a[1] * pc[0] + a[3] * pc[2], q[3] + a[1] * pc[1] + a[3] * pc[3]]
            gains.append(k)
        }
        self.gains = gains.reversed()
        costToGo = p
    }

    /// The optimal control (before scaling to actions) at `step` for state `x`.
    public func control(step: Int, state x: (Double, Double)) -> Double {
        let k = gains[min(step, gains.count - 1)]
        return -(k.0 * x.0 + k.1 * x.1)
    }

    /// The optimal expected return when the start state is uniform on [−1, 1]²: −tr(P)/3.
    public var expectedReturn: Double { -(costToGo[0] + costToGo[3]) / 3 }
}
