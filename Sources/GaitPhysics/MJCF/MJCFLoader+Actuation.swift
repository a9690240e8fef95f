import Foundation

/// Tendons, actuators, sensors, keyframes and the uniqueness of names.
extension MJCFLoader {
    /// Fixed tendons are read (their joints must exist), as transmissions for actuators and as
    /// springs (`stiffness`, `springlength`); one with a limit, damping, friction or armature is
    /// refused until tendons are simulated further.
    mutating func readTendons(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element)
        for tendon in element.children {
            guard tendon.name == "fixed" || tendon.name == "spatial" else { try ignoreOrRefuse(tendon); continue }
            let a = try attributes(tendon, className: tendon.attributes["class"] ?? "main", schema: "fixed")
            if tendon.name == "spatial" {
                try readSpatialTendon(tendon, a)
                continue
            }
            var members: [Model.Actuator.Transmission] = []
            for member in tendon.children {
                guard member.name == "joint" else { throw error(member, .unknownElement(member.name)) }
                for key in member.attributes.keys where !["joint", "coef"].contains(key) {
                    throw error(member, .unknownAttribute(element: "joint", attribute: key))
                }
                guard let jointName = member.attributes["joint"] else {
                    throw error(member, .missingAttribute(element: "joint", attribute: "joint"))
                }
                guard let joint = joints.firstIndex(where: { $0.name == jointName }) else {
                    throw error(member, .unsupported("tendon '\(a.text("name") ?? "")' names the joint '\(jointName)', which the model does not have"))
                }
                guard let coefficient = Double(member.attributes["coef"] ?? "1"), coefficient.isFinite,
                      abs(coefficient) <= MJCFAttributes.largestMagnitude else {
                    throw error(member, .invalidValue(element: "joint", attribute: "coef", value: member.attributes["coef"] ?? "",
                                                      expected: "a number of magnitude at most 1e6"))
                }
                members.append(Model.Actuator.Transmission(joint: joint, coefficient: coefficient))
            }
            let name = a.text("name") ?? ""
            var acts = try a.flag("limited") ?? (autolimits && a.text("range") != nil)
            for key in ["damping", "frictionloss", "armature"] where try a.number(key) ?? 0 != 0 { acts = true }
            if acts {
                throw error(tendon, .unsupported("tendon '\(name)': limits, damping, friction and armature on tendons are not supported yet (springs are)"))
            }
            let stiffness = try a.number("stiffness") ?? 0
            guard stiffness >= 0 else { throw a.invalid("stiffness", expected: "a non-negative number") }
            if stiffness > 0 {
                for member in members {
                    let joint = joints[member.joint]
                    guard Model.takesForces(joint, bodies: bodies, joints: joints) else {
                        throw error(tendon, .unsupported("tendon '\(name)': a spring on joint '\(joint.name)'; only hinges and slides (not free, ball or planar root joints) take tendon springs"))
                    }
                }
                // MuJoCo's default (-1) rests the spring at the length the joints' springrefs give.
                let rest = members.reduce(0) { $0 + $1.coefficient * joints[$1.joint].springReference }
                let lengths = try a.numbers("springlength", counts: [1, 2]) ?? [-1]
                let restLengths = lengths == [-1] || lengths == [-1, -1] ? [rest, rest] : [lengths[0], lengths.last!]
                guard restLengths[0] <= restLengths[1] else {
                    throw a.invalid("springlength", expected: "one length, or a lower and an upper one")
                }
                tendonSprings.append(Model.TendonSpring(name: name, terms: members, stiffness: stiffness,
                                                        restLengths: restLengths[0]...restLengths[1]))
                usedTendons.insert(name)
            }
            tendons[name, default: []] = members
        }
    }

    /// A spatial tendon running straight between two sites, held within its range when limited
    /// (`Model.TendonLimit`; its weight is set once the model is made). One that wraps around
    /// geoms or over pulleys, or has a spring, damping or friction, is refused; one without a
    /// limit does nothing and is ignored.
    mutating func readSpatialTendon(_ tendon: XMLElementNode, _ a: MJCFAttributes) throws(ModelError) {
        let name = a.text("name") ?? ""
        for key in ["stiffness", "damping", "frictionloss", "armature"] where try a.number(key) ?? 0 != 0 {
            throw error(tendon, .unsupported("spatial tendon '\(name)': \(key) is not supported on spatial tendons (limits are)"))
        }
        var ends: [Int] = []
        for member in tendon.children {
            guard member.name == "site" else {
                throw error(member, .unsupported("spatial tendon '\(name)': <\(member.name)> (wrapping or pulleys) is not supported; run the tendon straight between two sites"))
            }
            for key in member.attributes.keys where key != "site" { throw error(member, .unknownAttribute(element: "site", attribute: key)) }
            guard let siteName = member.attributes["site"] else { throw error(member, .missingAttribute(element: "site", attribute: "site")) }
            guard let site = sites.firstIndex(where: { $0.name == siteName }) else {
                throw error(member, .unsupported("spatial tendon '\(name)' names the site '\(siteName)', which the model does not have"))
            }
            ends.append(site)
        }
        guard ends.count == 2 else {
            throw error(tendon, .unsupported("spatial tendon '\(name)' runs through \(ends.count) sites; Gait holds one straight between two"))
        }
        spatialTendons.insert(name)
        guard let range = try limitedRange(a, range: "range", limited: "limited") else {
            notices.ignore("spatial tendons without a limit", because: "nothing drives them and they have no spring, so they do not act on the motion")
            return
        }
        guard range.lowerBound >= 0 else { throw a.invalid("range", expected: "lengths of at least 0") }
        let margin = try a.number("margin") ?? 0
        guard margin >= 0 else { throw a.invalid("margin", expected: "a non-negative length") }
        tendonLimits.append(Model.TendonLimit(name: name, sites: ends, range: range, margin: margin,
                                              softness: try readSoftness(a, solref: "solreflimit", solimp: "solimplimit"), weight: 0))
    }

    mutating func readActuators(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element)
        for child in element.children {
            guard let kind = MJCFActuatorLaw.Kind(rawValue: child.name) else { try ignoreOrRefuse(child); continue }
            let className = child.attributes["class"] ?? "main"
            let a = try attributes(child, className: className)
            let actuatorName = a.text("name") ?? ""
            let label = actuatorName.isEmpty ? "#\(actuators.count)" : "'\(actuatorName)'"
            for key in ["site", "body", "jointinparent"] where a.text(key) != nil {
                throw error(child, .unsupported("actuator \(label): \(key) transmissions are not supported yet; drive a joint or a fixed tendon"))
            }
            let transmission: [Model.Actuator.Transmission]
            if let tendonName = a.text("tendon") {
                guard a.text("joint") == nil else { throw a.invalid("tendon", expected: "a joint or a tendon to drive, not both") }
                guard let members = tendons[tendonName] else {
                    let why = spatialTendons.contains(tendonName) ? "a spatial tendon; Gait drives joints and fixed tendons" : "which the model does not have"
                    throw error(child, .unsupported("actuator \(label) drives the tendon '\(tendonName)', \(why)"))
                }
                transmission = members.filter { $0.coefficient != 0 }
                usedTendons.insert(tendonName)
            } else {
                let jointName = try a.required("joint")
                guard let joint = joints.firstIndex(where: { $0.name == jointName }) else {
                    throw error(child, .missingJoint(actuator: actuatorName.isEmpty ? "#\(actuators.count)" : actuatorName, joint: jointName))
                }
                transmission = [Model.Actuator.Transmission(joint: joint, coefficient: 1)]
            }
            for member in transmission {
                let joint = joints[member.joint]
                guard Model.takesForces(joint, bodies: bodies, joints: joints) else {
                    throw error(child, .unsupported("actuator \(label) on joint '\(joint.name)': only hinges and slides (not free, ball or planar root joints) can be driven"))
                }
            }
            var actuator = Model.Actuator(
                name: actuatorName, transmission: transmission, tendon: a.text("tendon"),
                gear: try a.numbers("gear", counts: Array(1...6))?[0] ?? 1,
                controlRange: try controlRange(a, inheritingFrom: a.text("tendon") == nil ? joints[transmission[0].joint] : nil))
            actuator.forceRange = try limitedRange(a, range: "forcerange", limited: "forcelimited")
            try apply(MJCFActuatorLaw.written(by: kind, a, over: actuatorLaws[className] ?? []), to: &actuator, a)
            for key in ["actlimited", "actrange", "actearly", "actdim"] where actuator.dynamics == .none && a.text(key) != nil {
                notices.ignore("\(key) on actuators without activation dynamics", because: "they have no activation")
            }
            actuators.append(actuator)
        }
    }

    /// An actuator's control range: its `ctrlrange`, or with a position actuator's `inheritrange`
    /// MuJoCo's: the middle of its joint's range (`joint`; nil for a tendon), that many times as
    /// wide.
    func controlRange(_ a: MJCFAttributes, inheritingFrom joint: Model.Joint?) throws(ModelError) -> ClosedRange<Double>? {
        guard let scale = try a.number("inheritrange"), scale != 0 else {
            return try limitedRange(a, range: "ctrlrange", limited: "ctrllimited")
        }
        guard scale > 0 else { throw a.invalid("inheritrange", expected: "a positive share of the joint's range (or 0: off)") }
        guard a.text("ctrlrange") == nil else { throw a.invalid("ctrlrange", expected: "nothing beside inheritrange (MuJoCo refuses both)") }
        guard let joint else { throw a.invalid("inheritrange", expected: "0: a tendon's range is not inherited yet; give ctrlrange") }
        guard let range = joint.range else {
            throw a.invalid("inheritrange", expected: "0: joint '\(joint.name)' has no range to inherit; give ctrlrange")
        }
        guard try a.flag("ctrllimited") != false else { return nil }
        let middle = (range.lowerBound + range.upperBound) / 2, half = scale * (range.upperBound - range.lowerBound) / 2
        return (middle - half)...(middle + half)
    }

    /// A range that applies when `limited` says so (or, left to auto, when the range is given).
    func limitedRange(_ a: MJCFAttributes, range: String, limited: String) throws(ModelError) -> ClosedRange<Double>? {
        let values = try a.range(range, scale: 1)
        switch try a.flag(limited) {
        case false: return nil
        case true:
            guard let values else { throw ModelError(source: a.source, line: a.line, reason: .missingAttribute(element: a.element, attribute: range)) }
            return values
        case nil: return autolimits ? values : nil
        }
    }

    /// The actuator's gain, bias and activation dynamics from its `law`; the types Gait does not
    /// simulate are refused here, where an actuator uses them.
    func apply(_ law: MJCFActuatorLaw, to actuator: inout Model.Actuator, _ a: MJCFAttributes) throws(ModelError) {
        func refused(_ attribute: String, _ value: String, expected: String) -> ModelError {
            ModelError(source: a.source, line: a.values[attribute]?.line ?? law.lines[attribute] ?? a.line,
                       reason: .invalidValue(element: a.element, attribute: attribute, value: value, expected: expected))
        }
        guard law.gainType == "fixed" else { throw refused("gaintype", law.gainType, expected: "fixed") }
        actuator.gain = law.gains[0]
        switch law.biasType {
        case "none": break
        case "affine":
            (actuator.biasConstant, actuator.biasPosition) = (law.biases[0], law.biases[1])
            // MuJoCo reads a positive velocity term of a servo (gain = −position term) as a damping ratio.
            if law.biases[2] > 0 && law.gains[0] == -law.biases[1] { actuator.dampingRatio = law.biases[2] } else { actuator.biasVelocity = law.biases[2] }
        default: throw refused("biastype", law.biasType, expected: "none or affine")
        }
        switch law.dynamicsType {
        case "none": return
        case "integrator": actuator.dynamics = .integrator
        case let filter where filter == "filter" || filter == "filterexact":
            guard law.dynamicsParameters[0] > 0 else {
                throw refused("dynprm", "\(law.dynamicsParameters[0])", expected: "a time constant above 0 s first")
            }
            actuator.dynamics = .filter(timeConstant: law.dynamicsParameters[0], exact: filter == "filterexact")
        default:
            throw refused("dyntype", law.dynamicsType, expected: "none, integrator, filter or filterexact: muscle and user dynamics are not supported")
        }
        guard try a.number("actdim").map({ $0 == -1 || $0 == 1 }) ?? true else {
            throw a.invalid("actdim", expected: "1 (or -1, automatic): one activation per actuator")
        }
        actuator.activationRange = try limitedRange(a, range: "actrange", limited: "actlimited")
        actuator.activatesEarly = try a.flag("actearly") ?? false
    }

    /// Sensors are read and checked (each must name an object the model has); those of
    /// `Model.Sensor.Kind` become readable (`Simulation.read(_:into:at:)`), the rest are noted.
    mutating func readSensors(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element)
        for sensor in element.children {
            guard let objectAttribute = MJCFSchema.sensors[sensor.name] else { try ignoreOrRefuse(sensor); continue }
            for key in sensor.attributes.keys.sorted() where key != objectAttribute && !MJCFSchema.sensorAttributes.contains(key)
                && !MJCFSchema.ignoredEverywhere.contains(key) {
                throw error(sensor, .unknownAttribute(element: sensor.name, attribute: key))
            }
            guard let object = sensor.attributes[objectAttribute] else {
                throw error(sensor, .missingAttribute(element: sensor.name, attribute: objectAttribute))
            }
            let known: Bool = switch objectAttribute {
            case "site": sites.contains { $0.name == object }
            case "body": bodies.contains { $0.name == object }
            case "joint": joints.contains { $0.name == object }
            case "actuator": actuators.contains { $0.name == object }
            case "tendon": tendons[object] != nil
            default: sites.contains { $0.name == object } || bodies.contains { $0.name == object } || geoms.contains { $0.name == object }
            }
            guard known else {
                throw error(sensor, .unsupported("<\(sensor.name)> names the \(objectAttribute == "objname" ? "object" : objectAttribute) '\(object)', which the model does not have"))
            }
            let a = MJCFAttributes(element: sensor.name, line: sensor.line, source: sensor.source,
                                   values: sensor.attributes.mapValues { MJCFAttributes.Value(text: $0, line: sensor.line) })
            if a.text("refname") != nil {
                throw error(sensor, .unsupported("<\(sensor.name) refname>: sensors relative to another frame are not supported yet; read the world frame"))
            }
            for key in ["delay", "interval", "nsample"] where try a.number(key) ?? 0 != 0 {
                throw error(sensor, .unsupported("<\(sensor.name) \(key)>: delayed and sampled sensors are not supported; leave \(key) out"))
            }
            let cutoff = try a.number("cutoff") ?? 0
            guard cutoff >= 0 else { throw a.invalid("cutoff", expected: "a non-negative number (0 for no cutoff)") }
            guard let kind = Model.Sensor.Kind(rawValue: sensor.name), let reading = sensorObject(kind, sensor) else {
                notices.ignore("<\(sensor.name)> sensors", because: "Gait does not read them yet")
                continue
            }
            if [.accelerometer, .framelinacc, .frameangacc, .force, .torque].contains(kind) {
                notices.approximate("<\(sensor.name)>", as: "readings of the last physics step's accelerations and contacts (MuJoCo's "
                                    + "are of the current state's, which the next step applies)")
            }
            if kind == .rangefinder {
                notices.approximate("<rangefinder>", as: "rays that meet every geom not on the site's body, unbounded planes and "
                                    + "transparent geoms included (MuJoCo's skip geoms of alpha 0 and end planes at their size)")
            }
            sensors.append(Model.Sensor(name: a.text("name") ?? "", kind: kind, object: reading.object, frame: reading.frame, cutoff: cutoff))
        }
    }

    /// The object a sensor of `kind` reads, and which of its frames: a joint (hinge or slide), a
    /// body, a geom or a site; nil when Gait cannot read it (a joint sensor on a ball or free
    /// joint, the orientation of a body's inertial frame when it may differ from the body's).
    func sensorObject(_ kind: Model.Sensor.Kind, _ sensor: XMLElementNode) -> (object: Int, frame: Model.Sensor.Frame)? {
        let attribute = MJCFSchema.sensors[sensor.name]!, name = sensor.attributes[attribute]!
        switch attribute {
        case "joint":
            guard let joint = joints.firstIndex(where: { $0.name == name }), [.hinge, .slide].contains(joints[joint].kind) else { return nil }
            return (joint, .none)
        case "body": return bodies.firstIndex { $0.name == name }.map { ($0, .none) }
        case "site": return sites.firstIndex { $0.name == name }.map { ($0, .site) }
        default:
            switch sensor.attributes["objtype"] ?? "site" {
            case "site": return sites.firstIndex { $0.name == name }.map { ($0, .site) }
            case "geom": return geoms.firstIndex { $0.name == name }.map { ($0, .geom) }
            case "xbody": return bodies.firstIndex { $0.name == name }.map { ($0, .body) }
            case "body":
                guard let body = bodies.firstIndex(where: { $0.name == name }) else { return nil }
                let orientation: Set<Model.Sensor.Kind> = [.framequat, .framexaxis, .frameyaxis, .framezaxis]
                return !orientation.contains(kind) || inertialAxesAreBodyAxes(body) ? (body, .inertial) : nil
            default: return nil
            }
        }
    }

    /// Whether MuJoCo's inertial frame of `body` has the body's axes: its mass comes from its
    /// geoms and their inertia is diagonal in the body frame (MuJoCo's principal axes are then
    /// the body's; otherwise Gait does not compute them as MuJoCo does), and it is not one of the
    /// `turnedWeightlessBodies`.
    func inertialAxesAreBodyAxes(_ body: Int) -> Bool {
        let inertia = bodies[body].massProperties.inertia
        return inertials[body] == nil && [inertia.xy, inertia.xz, inertia.yz, inertia.yx, inertia.zx, inertia.zy].allSatisfy { $0 == 0 }
            && !turnedWeightlessBodies.contains(body)
    }

    /// Keyframes become named start states; their positions, velocities and controls must fit the model.
    mutating func readKeyframes(_ element: XMLElementNode, model: Model) throws(ModelError) {
        _ = try attributes(element)
        for key in element.children {
            guard key.name == "key" else { throw error(key, .unknownElement(key.name)) }
            let a = try attributes(key)
            var positions = try a.numbers("qpos", counts: [model.positionCount]) ?? model.referencePositions
            let velocities = try a.numbers("qvel", counts: [model.velocityCount]) ?? [Double](repeating: 0, count: model.velocityCount)
            let controls = try a.numbers("ctrl", counts: [model.actuators.count]) ?? [Double](repeating: 0, count: model.actuators.count)
            normalizeQuaternions(in: &positions, model: model)
            for unused in ["act", "mpos", "mquat", "time"] where a.text(unused) != nil {
                notices.ignore("<key \(unused)>", because: "a keyframe is a start state of positions, velocities and controls")
            }
            keyframes.append(Model.Keyframe(name: a.text("name") ?? "", positions: positions, velocities: velocities, controls: controls))
        }
    }

    /// Scales each free or ball joint's quaternion in keyframe positions `q` to length 1, and
    /// makes one shorter than MuJoCo's 1e-15 (all zero, say) 1 0 0 0, with a notice, as MuJoCo's
    /// compiler does.
    mutating func normalizeQuaternions(in q: inout [Double], model: Model) {
        for (_, at) in model.quaternionOffsets {
            let length = Model.quaternionLength(in: q, at: at)
            guard length >= Model.smallestValue else {
                q.replaceSubrange(at..<at + 4, with: [1, 0, 0, 0])
                notices.approximate("keyframe quaternions without a direction", as: "1 0 0 0, as MuJoCo's compiler takes them")
                continue
            }
            q.replaceSubrange(at..<at + 4, with: q[at..<at + 4].map { $0 / length })
        }
    }

    func checkUniqueNames() throws(ModelError) {
        func check(_ kind: String, _ names: [String]) throws(ModelError) {
            var seen = Set<String>()
            for name in names where !name.isEmpty {
                guard seen.insert(name).inserted else { throw ModelError(source: source, line: 0, reason: .duplicateName(kind: kind, name: name)) }
            }
        }
        try check("body", bodies.map(\.name))
        try check("joint", joints.map(\.name))
        try check("geom", geoms.map(\.name))
        try check("site", sites.map(\.name))
        try check("actuator", actuators.map(\.name))
        try check("contact pair", contactPairs.map(\.name))
    }
}
