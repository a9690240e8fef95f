/// How model bodies map onto ODE rigid bodies: each body with joints roots one rigid body, and
/// bodies without joints are welded into their parent's (or fixed to the world).
struct BodyLayout {
    /// The model body that roots each rigid body.
    let roots: [Int]
    /// Each rigid body's mass properties, in its root's frame.
    let masses: [MassProperties]
    /// Per model body: the rigid body that carries it; nil when fixed to the world.
    let carriers: [Int?]
    /// Per model body: its frame relative to its carrier's centre-of-mass frame, or its world
    /// pose when fixed to the world.
    let framesInCarrier: [Pose]

    /// Lays out `model`, whose bodies are at `reference` (world poses).
    init(model: Model, reference: [Pose]) {
        var carriers = [Int?](repeating: nil, count: model.bodies.count)
        var frameInGroup = [Pose](repeating: .identity, count: model.bodies.count)
        var roots: [Int] = []
        var masses: [MassProperties] = []
        for (index, body) in model.bodies.enumerated().dropFirst() {
            let parent = body.parent!
            if body.joints.isEmpty {
                carriers[index] = carriers[parent]
                frameInGroup[index] = carriers[parent] == nil ? reference[index]
                    : frameInGroup[parent].composed(with: body.pose)
            } else {
                carriers[index] = roots.count
                roots.append(index)
                masses.append(.zero)
            }
            if let group = carriers[index] {
                masses[group] = masses[group] + body.massProperties.transformed(by: frameInGroup[index])
            }
        }
        self.roots = roots
        self.masses = masses
        self.carriers = carriers
        framesInCarrier = model.bodies.indices.map { index in
            guard let group = carriers[index] else { return frameInGroup[index] }
            return Pose(position: -masses[group].center).composed(with: frameInGroup[index])
        }
    }
}
