extension Model {
    /// Why a joint or tendon equality is not one ODE can hold (see `coupling(of:offset:weight:)`).
    struct CouplingRefusal: Error {
        let reason: String
    }

    /// How ODE holds Σ cⱼ·(qⱼ − qⱼ₀) = `offset` over `terms` (hinges and coefficients): as one
    /// angular row between two bodies, the hinges' lowest common ancestor and the end of their
    /// chain, or the ends of their two branches. That row measures the sum only when every hinge
    /// between the two turns about one axis with |cⱼ| alike (the turns then add), or is the
    /// chain's first hinge at right angles to that axis (it turns the others' axis without
    /// tilting it, as a hip's yaw above pitch, knee and ankle). Any other coupling of hinges and
    /// slides with ODE joints of their own is held in joint space; the rest is refused.
    func coupling(of terms: [Actuator.Transmission], offset: Double, weight: Double) throws(CouplingRefusal) -> (bodies: BodyPair, coupling: Coupling) {
        do {
            return try rowCoupling(of: terms, offset: offset, weight: weight)
        } catch {
            return try jointSpaceCoupling(of: terms, offset: offset, weight: weight, instead: error)
        }
    }

    /// The coupling as one ODE row (see `coupling(of:offset:weight:)`), or why it cannot be one.
    private func rowCoupling(of terms: [Actuator.Transmission], offset: Double, weight: Double) throws(CouplingRefusal) -> (bodies: BodyPair, coupling: Coupling) {
        for term in terms where joints[term.joint].kind != .hinge {
            throw CouplingRefusal(reason: "it couples the \(joints[term.joint].kind) joint '\(joints[term.joint].name)'; Gait couples hinges only")
        }
        let coefficients = Dictionary(terms.map { ($0.joint, $0.coefficient) }, uniquingKeysWith: +).filter { $0.value != 0 }
        guard let leading = terms.first(where: { coefficients[$0.joint] != nil }) else {
            throw CouplingRefusal(reason: "its coefficients are all 0, so it holds nothing")
        }
        func ancestry(_ body: Int) -> [Int] {
            var chain = [body]
            while let parent = bodies[chain[chain.count - 1]].parent { chain.append(parent) }
            return chain
        }
        let chains = coefficients.keys.sorted().map { ancestry(joints[$0].body) }
        // The lowest common ancestor of the hinges' parent bodies: where their turns start.
        let top = chains[0].dropFirst().first { body in chains.allSatisfy { $0.dropFirst().contains(body) } }!
        let between = Set(chains.flatMap { $0.prefix { $0 != top } })
        let ends = between.filter { body in !between.contains { bodies[$0].parent == body } }.sorted()
        guard ends.count <= 2 else { throw CouplingRefusal(reason: "its hinges lie on more than two branches of the body tree") }
        let (first, second) = ends.count == 1 ? (top, ends[0]) : (ends[0], ends[1])
        let firstBranch = ends.count == 2 ? Set(ancestry(first).prefix { $0 != top }) : []
        let frames = kinematics(positions: referencePositions).joints
        func worldAxis(_ joint: Int) -> Vector3 { frames[joint].rotation.rotate(joints[joint].axis) }
        let axis = worldAxis(leading.joint)
        var shares: [Actuator.Transmission] = []
        for body in between.sorted() {
            guard !Self.isPlanarRoot(body: bodies[body], joints: joints) else {
                throw CouplingRefusal(reason: "it couples a planar root's hinge, which ODE's plane constraint holds")
            }
            for (position, index) in bodies[body].joints.enumerated() where joints[index].kind != .slide {
                let joint = joints[index], label = joint.name.isEmpty ? "#\(index)" : "'\(joint.name)'"
                guard joint.kind == .hinge else { throw CouplingRefusal(reason: "the \(joint.kind) joint \(label) lies between its hinges") }
                let alignment = axis.dot(worldAxis(index))
                let isTopOfChain = ends.count == 1 && bodies[body].parent == top && position == 0
                if abs(abs(alignment) - 1) <= 1e-9 {
                    shares.append(Actuator.Transmission(joint: index, coefficient: (firstBranch.contains(body) ? -1 : 1) * (alignment > 0 ? 1 : -1)))
                } else if abs(alignment) <= 1e-9, isTopOfChain, coefficients[index] == nil {
                    shares.append(Actuator.Transmission(joint: index, coefficient: 0))
                } else {
                    throw CouplingRefusal(reason: "the hinge \(label) between its bodies turns about an axis neither parallel nor (at the top of the chain) at right angles to the others")
                }
            }
        }
        // The leading hinge is between the bodies and parallel to itself: it has a share of ±1.
        let scale = coefficients[leading.joint, default: 0] * shares.first { $0.joint == leading.joint }!.coefficient
        guard abs(scale) >= 1e-6 else { throw CouplingRefusal(reason: "its coefficients are below 1e-6, too small to hold") }
        guard shares.allSatisfy({ abs(coefficients[$0.joint, default: 0] - scale * $0.coefficient) <= 1e-9 * abs(scale) }) else {
            throw CouplingRefusal(reason: "its hinges turn about one axis but their coefficients are not all alike (or a hinge between them is left out), so their sum is not one turn")
        }
        // BodyPair puts the lower index first: the common ancestor (above its chain), or the
        // first branch's end (`ends` is sorted), as the shares' signs take them.
        return (BodyPair(first, second), Coupling(shares: shares, scale: scale, offset: offset, axis: axis, weight: weight))
    }
}

extension Model {
    /// A coupling held in joint space (`Coupling.axis` nil), for `terms` that no one ODE row
    /// measures (`rowRefusal` says why): hinges and slides with ODE joints of their own (not a
    /// planar root's), between the first and last coupled joints' bodies.
    private func jointSpaceCoupling(of terms: [Actuator.Transmission], offset: Double, weight: Double,
                                    instead rowRefusal: CouplingRefusal) throws(CouplingRefusal) -> (bodies: BodyPair, coupling: Coupling) {
        let coupled = terms.filter { $0.coefficient != 0 }
        guard !coupled.isEmpty else { throw rowRefusal }
        for term in coupled {
            let joint = joints[term.joint]
            guard Self.takesForces(joint, bodies: bodies, joints: joints) else {
                throw CouplingRefusal(reason: "\(rowRefusal.reason), and the \(joint.kind) joint '\(joint.name)' cannot be held in joint space (only hinges and slides other than a planar root's)")
            }
        }
        guard weight > 0 else { throw CouplingRefusal(reason: "\(rowRefusal.reason), and its joints cannot move") }
        let ends = [joints[coupled[0].joint].body, joints[coupled[coupled.count - 1].joint].body]
        let response = inverseWeights.response(of: coupled.map { (velocityOffsets[$0.joint], $0.coefficient) }).compactMap { term in
            joints.indices.first { velocityOffsets[$0] == term.dof && [.hinge, .slide].contains(joints[$0].kind) }
                .map { Actuator.Transmission(joint: $0, coefficient: term.value) }
        }
        return (BodyPair(ends[0], ends[1]), Coupling(shares: coupled, scale: 1, offset: offset, axis: nil, weight: weight, response: response))
    }
}
