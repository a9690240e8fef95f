/// The whole turns of the hinges that no limit keeps within half a turn. ODE measures a hinge's
/// angle within half a turn either side of where it measures from, while MuJoCo's qpos goes on
/// growing as the hinge turns (a pendulum swung over the top, a cheetah rolled over). Counting
/// the turns after every physics step gives MuJoCo's coordinate back: ODE's angle plus 2π times
/// the count. A step turns a body by less than half a turn however fast it spins (ODE's update
/// turns it 2·atan(h·ω/2)), so an angle that jumps by more than half a turn passed ODE's seam.
struct HingeTurns {
    /// The model joints counted: the hinges without a range or with one wider than a turn
    /// (`Model.Joint.limitsFollowTurns`), or all hinges when the model switches limits off.
    let joints: [Int]
    /// Per model joint, its whole turns (0 for joints not counted).
    private(set) var counts: [Int]
    /// Per model joint, the angle ODE measured when the turns were last counted.
    private var measured: [Double]
    /// Per model joint, the middle of a range wider than a turn: where a state without saved
    /// turns is taken to lie (nil for other joints, taken to lie within half a turn of 0).
    private let middles: [Double?]
    /// The most whole turns a restored state may hold: more than a hinge turning at
    /// `Simulation.speedLimits` for `Simulation.timeLimit` makes.
    static let countLimit = 1e13
    /// The largest coordinate (radians either side of 0) bodies may be placed at.
    static let largestAngle = countLimit * 2 * .pi

    init(model: Model) {
        joints = model.joints.indices.filter { index in
            let joint = model.joints[index]
            return joint.kind == .hinge && (joint.range == nil || joint.limitsFollowTurns || !model.switches.limits)
        }
        counts = Array(repeating: 0, count: model.joints.count)
        measured = Array(repeating: 0, count: model.joints.count)
        middles = model.joints.map { joint in joint.limitsFollowTurns ? joint.range.map { ($0.lowerBound + $0.upperBound) / 2 } : nil }
    }

    /// ODE's angle `angle` of joint `joint` with the joint's whole turns added: MuJoCo's
    /// coordinate (`angle` itself, to the bit, for a joint that has not turned).
    func unwrapped(_ angle: Double, joint: Int) -> Double {
        counts[joint] == 0 ? angle : angle + wholeTurns(of: joint)
    }

    /// The angle of joint `joint`'s whole turns: 2π times their count.
    func wholeTurns(of joint: Int) -> Double {
        Double(counts[joint]) * 2 * .pi
    }

    /// Counts the turns after a step, `angle(j)` being ODE's angle of joint j now: an angle that
    /// jumped by more than half a turn since the last count passed ODE's seam.
    mutating func count(angle: (Int) -> Double) {
        for joint in joints {
            let now = angle(joint), change = now - measured[joint]
            if change > .pi { counts[joint] -= 1 } else if change < -.pi { counts[joint] += 1 }
            measured[joint] = now
        }
    }

    /// Sets each counted joint's turns so that ODE's angle `angle(j)` plus them is nearest to
    /// `coordinate(j)` (a qpos the bodies were just placed at).
    mutating func set(coordinate: (Int) -> Double, angle: (Int) -> Double) {
        for joint in joints {
            measured[joint] = angle(joint)
            counts[joint] = Self.nearest(coordinate(joint), from: measured[joint])
        }
    }

    /// The counted joints' turns, in `joints`' order, as a snapshot keeps them.
    var saved: [Double] { joints.map { Double(counts[$0]) } }

    /// Takes the turns of a snapshot (`saved`; nil: none, from before Gait counted turns: each
    /// hinge within half a turn of 0, or of the middle of a range wider than a turn), whose
    /// bodies were just placed so that ODE's angle of joint j is `angle(j)`. The values must be
    /// whole numbers within `countLimit`.
    mutating func restore(_ saved: [Double]?, angle: (Int) -> Double) {
        for (position, joint) in joints.enumerated() {
            measured[joint] = angle(joint)
            counts[joint] = saved.map { Int($0[position]) } ?? middles[joint].map { Self.nearest($0, from: measured[joint]) } ?? 0
        }
    }

    /// The whole turns that bring `angle` nearest to `coordinate`.
    private static func nearest(_ coordinate: Double, from angle: Double) -> Int {
        Int(((coordinate - angle) / (2 * .pi)).rounded())
    }

    /// Whether `values` can be a snapshot's turns: one whole number per counted joint, within
    /// `countLimit`.
    func accepts(_ values: [Double]) -> Bool {
        values.count == joints.count && values.allSatisfy { abs($0) <= Self.countLimit && $0 == $0.rounded() }
    }
}
