extension MJCFLoader {
    /// `<equality>`: `connect` and `weld` between bodies (or sites), and `joint` and `tendon`
    /// couplings of hinges (see `Model.coupling(of:offset:weight:)`); flexes are refused. Read
    /// once the bodies and sites are known (`model`), to place the joined points in the reference
    /// configuration.
    mutating func readEqualities(_ element: XMLElementNode, model: Model) throws(ModelError) -> [Model.Equality] {
        guard element.attributes.isEmpty else {
            throw error(element, .unknownAttribute(element: "equality", attribute: element.attributes.keys.sorted()[0]))
        }
        let reference = model.kinematics(positions: model.referencePositions).bodies
        var equalities: [Model.Equality] = []
        for (position, child) in element.children.enumerated() {
            let isCoupling = ["joint", "tendon"].contains(child.name)
            guard let kind = isCoupling ? Model.Equality.Kind.coupling : [Model.Equality.Kind.connect, .weld].first(where: { $0.rawValue == child.name }) else {
                guard child.name == "flex" else { throw error(child, .unknownElement(child.name)) }
                throw error(child, .unsupported("<equality><flex>: flexible bodies (flex) are not supported; remove it"))
            }
            let a = try attributes(child, className: child.attributes["class"] ?? "main", schema: isCoupling ? "equality \(child.name)" : nil)
            guard try a.flag("active") ?? true else {
                notices.ignore("inactive <\(child.name)>", because: "Gait cannot switch a constraint on while simulating")
                continue
            }
            if isCoupling {
                equalities.append(try readCoupling(child, a, index: position, model: model))
                continue
            }
            let sites = try ["site1", "site2"].map { key throws(ModelError) -> Model.Site? in
                guard let name = a.text(key) else { return nil }
                guard let site = model.site(named: name) else { throw a.invalid(key, expected: "the name of a site of the model") }
                return model.sites[site]
            }
            let named = try ["body1", "body2"].map { key throws(ModelError) -> Int? in
                guard let name = a.text(key) else { return nil }
                guard let body = model.body(named: name) else { throw a.invalid(key, expected: "the name of a body of the model") }
                return body
            }
            let bySites = sites[0] != nil || sites[1] != nil
            guard bySites ? sites[0] != nil && sites[1] != nil && named == [nil, nil] : named[0] != nil else {
                throw error(child, .unsupported("<\(child.name)>: name body1 (and optionally body2; the world by default), or both site1 and site2, not a mix"))
            }
            let body1 = sites[0]?.body ?? named[0]!, body2 = sites[1]?.body ?? named[1] ?? 0
            guard body1 != body2 else { throw error(child, .unsupported("<\(child.name)> joins body \(model.bodies[body1].name.isEmpty ? "#\(body1)" : "'\(model.bodies[body1].name)'") to itself")) }
            let points: (Vector3, Vector3)
            switch kind {
            case .connect:
                if let site1 = sites[0], let site2 = sites[1] {
                    if a.text("anchor") != nil { notices.ignore("<connect anchor> beside site1 and site2", because: "the sites are the points joined") }
                    points = (reference[body1].apply(site1.pose.position), reference[body2].apply(site2.pose.position))
                } else {
                    let anchor = reference[body1].apply(try a.vector("anchor") ?? .zero)
                    points = (anchor, anchor)
                }
            case .coupling:
                preconditionFailure("read by readCoupling")
            case .weld:
                if bySites { throw error(child, .unsupported("<weld> between sites is not supported; weld body1 to body2")) }
                let pose = try a.numbers("relpose", counts: [7]) ?? [0, 1, 0, 0, 0, 0, 0]
                guard pose[3...].allSatisfy({ $0 == 0 }) else {
                    throw error(child, .unsupported("<weld relpose> is not supported: Gait welds the bodies as they are in the reference configuration; remove relpose or give its quaternion as 0 0 0 0"))
                }
                let anchor = try a.vector("anchor") ?? .zero, torqueScale = try a.number("torquescale") ?? 1
                if anchor != .zero || torqueScale != 1 {
                    notices.approximate("weld anchor and torquescale", as: "a weld that holds the relative pose as a whole (they only shape MuJoCo's softness)")
                }
                points = (.zero, .zero)
            }
            let pair = Model.BodyPair(body1, body2)
            let (first, second) = pair.first == body1 ? points : (points.1, points.0)
            equalities.append(Model.Equality(name: a.text("name") ?? "", kind: kind, bodies: pair, firstPoint: first, secondPoint: second,
                                             softness: try readSoftness(a, solref: "solref", solimp: "solimp")))
        }
        return equalities
    }

    /// A joint or tendon equality: `joint1` (or `tendon1`) held at `polycoef[0]` from its
    /// reference, or at a linear function of `joint2` (`tendon2`); higher polynomial terms are refused.
    private mutating func readCoupling(_ child: XMLElementNode, _ a: MJCFAttributes, index: Int, model: Model) throws(ModelError) -> Model.Equality {
        let byJoint = child.name == "joint"
        let polynomial = try a.numbers("polycoef", over: [0, 1, 0, 0, 0])
        var terms: [Model.Actuator.Transmission] = [], weight = 0.0
        for (key, factor) in [("1", 1.0), ("2", -polynomial[1])] {
            let attribute = (byJoint ? "joint" : "tendon") + key
            guard let name = a.text(attribute) else {
                guard key == "2" else { throw error(child, .missingAttribute(element: child.name, attribute: attribute)) }
                break
            }
            let members: [Model.Actuator.Transmission]
            if byJoint {
                guard let joint = model.joint(named: name) else {
                    throw a.invalid(attribute, expected: "the name of a joint of the model")
                }
                members = [Model.Actuator.Transmission(joint: joint, coefficient: 1)]
                weight += model.inverseWeights.dofs[model.velocityOffsets[joint]]
            } else {
                guard let tendon = tendons[name] else { throw a.invalid(attribute, expected: "the name of a fixed tendon of the model") }
                usedTendons.insert(name)
                members = tendon
                weight += model.inverseWeights.weight(of: tendon.map { (model.velocityOffsets[$0.joint], $0.coefficient) })
            }
            guard key == "1" || polynomial[2...].allSatisfy({ $0 == 0 }) else {
                throw a.invalid("polycoef", expected: "a linear relation (its last three numbers 0): Gait holds linear couplings only")
            }
            guard !members.isEmpty else { throw a.invalid(attribute, expected: "a fixed tendon with at least one joint") }
            terms += members.map { Model.Actuator.Transmission(joint: $0.joint, coefficient: $0.coefficient * factor) }
        }
        let softness = try readSoftness(a, solref: "solref", solimp: "solimp")
        let joined: (bodies: Model.BodyPair, coupling: Model.Coupling)
        do {
            joined = try model.coupling(of: terms, offset: polynomial[0], weight: weight)
        } catch let refusal {
            let label = a.text("name").map { "'\($0)'" } ?? "#\(index)"
            throw error(child, .unsupported("<equality><\(child.name)> \(label): \(refusal.reason); Gait holds a joint or tendon equality of hinges and slides (not a planar root's); remove it (the model then moves without it)"))
        }
        return Model.Equality(name: a.text("name") ?? "", kind: .coupling, bodies: joined.bodies, firstPoint: .zero, secondPoint: .zero,
                              softness: softness, coupling: joined.coupling)
    }
}
