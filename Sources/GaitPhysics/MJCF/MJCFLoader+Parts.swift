import Foundation

/// Geoms, sites and joints: the parts a body is made of.
extension MJCFLoader {
    /// Whether a geom with these bits collides with nothing (a visual-only geom).
    static func isVisualOnly(_ a: MJCFAttributes) throws(ModelError) -> Bool {
        let contype = try a.bits("contype") ?? 1, conaffinity = try a.bits("conaffinity") ?? 1
        return contype == 0 && conaffinity == 0
    }

    /// A geom's or site's frame in its body's, from `fromto` (the segment's middle, z along it) or
    /// its own pose, placed by the `<frame>`s it lies in (`placement`). The z axis points from `to`
    /// to `from`, as MuJoCo's (a rangefinder site looks along it; a box turns with it), but for a
    /// capsule or cylinder geom, whose shape does not tell the two apart: from `from` to `to`
    /// (MuJoCo's way round would move the built-in robots' trajectories in their last bits; only a
    /// geom's frame sensors read the difference).
    func frame(_ a: MJCFAttributes, placement: Pose) throws(ModelError) -> (pose: Pose, halfLength: Double?) {
        guard let ends = try a.numbers("fromto", counts: [6]) else { return (placement.composed(with: try ownPose(a)), nil) }
        let type = a.text("type") ?? "sphere"
        guard Self.lengthwiseTypes.contains(type) else {
            throw a.invalid("fromto", expected: "a capsule, cylinder, box or ellipsoid \(a.element): a \(type) has no length")
        }
        guard try a.vector("pos") ?? .zero == .zero else {
            throw a.invalid("pos", expected: "no pos beside fromto, which places the \(a.element) (MuJoCo refuses both): drop one")
        }
        let from = Vector3(ends[0], ends[1], ends[2]), to = Vector3(ends[3], ends[4], ends[5])
        guard (to - from).length >= 1e-6 else { throw a.invalid("fromto", expected: "two points at least 1e-6 apart") }
        let z = a.element == "geom" && ["capsule", "cylinder"].contains(type) ? to - from : from - to
        let segment = Pose(position: (from + to) / 2, rotation: Quaternion(rotatingZOnto: z))
        return (placement.composed(with: segment), (to - from).length / 2)
    }

    /// The shapes a `fromto` can give: those with a length.
    static let lengthwiseTypes: Set<String> = ["capsule", "cylinder", "box", "ellipsoid"]

    /// The `size` of a `type` geom or site that a `fromto` of half-length `halfLength` gives, as
    /// MuJoCo's compiler sets it: a capsule's or cylinder's half-length second; a box's or
    /// ellipsoid's x, x again and the half-length.
    static func size(_ size: [Double], fromtoHalfLength halfLength: Double?, type: String) -> [Double] {
        guard let halfLength, let radius = size.first else { return size }
        return ["capsule", "cylinder"].contains(type) ? [radius, halfLength] + size.dropFirst(2) : [radius, radius, halfLength]
    }

    /// The smallest density a weighing geom may have, bar 0.
    static let smallestDensity = 1e-6

    /// A weighing geom's `mass` (nil when not given, then its `density` counts): a mass of 0 or
    /// at least MuJoCo's smallest value; without a mass, a density of 0 or at least
    /// `smallestDensity`. (MuJoCo ignores both on geoms that do not weigh.)
    func geomMassAndDensity(_ a: MJCFAttributes) throws(ModelError) -> (mass: Double?, density: Double) {
        let mass = try a.number("mass"), density = try a.number("density") ?? 1000
        guard mass.map({ $0 == 0 || $0 >= Model.smallestValue }) ?? true else {
            throw a.invalid("mass", expected: "0 or a mass of at least 1e-15 kg")
        }
        guard mass != nil || density == 0 || density >= Self.smallestDensity else {
            throw a.invalid("density", expected: "0 or a density of at least 1e-6 kg/m³")
        }
        return (mass, density)
    }

    /// Adds a mesh geom's mass, from its mesh, to its body's.
    private mutating func addMeshMass(_ a: MJCFAttributes, of element: XMLElementNode, pose: Pose, body: Int) throws(ModelError) {
        let (mass, density) = try geomMassAndDensity(a)
        let part = try meshMassProperties(a, of: element, pose: pose, mass: mass, density: density)
        meshGeomMasses[body] = (meshGeomMasses[body] ?? .zero) + part
    }

    /// A geom that collides with nothing and so stays out of the model (a mesh, sdf or height
    /// field on a body), but whose mesh may weigh.
    private mutating func readVisualGeom(_ a: MJCFAttributes, of element: XMLElementNode, typeName: String, body: Int,
                                         countsForMass: Bool, placement: Pose) throws(ModelError) {
        let pose = try frame(a, placement: placement).pose  // refuses a fromto, as MuJoCo does
        if let name = a.text("name") { visualGeoms.insert(name) }
        guard countsForMass, try a.number("mass") != 0 else {
            notices.ignore("\(typeName) geoms that collide with nothing", because: "rendering")
            return
        }
        guard typeName == "mesh" else {
            let source = typeName == "hfield" ? "height field" : "\(typeName) file, which Gait does not read"
            let parts = a.text("mass") == nil ? "mass, centre of mass and inertia" : "centre of mass and inertia (beside its mass)"
            throw error(element, .unsupported("the \(typeName) geom's \(parts) would come from its \(source); give the body an <inertial>, or the geom mass=\"0\" if it should weigh nothing"))
        }
        try addMeshMass(a, of: element, pose: pose, body: body)
        notices.ignore("the shapes of mesh geoms that collide with nothing (their mass counts)", because: "rendering")
    }

    /// Reads a geom. `hasInertial`: the body's mass comes from its `<inertial>`, not its geoms.
    mutating func readGeom(_ element: XMLElementNode, body: Int, childclass: String, hasInertial: Bool, placement: Pose) throws(ModelError) {
        let a = try attributes(element, className: element.attributes["class"] ?? childclass)
        let typeName = a.text("type") ?? "sphere"
        let group = try a.number("group") ?? 0
        let countsForMass = body != 0 && !hasInertial && inertiaGroups.contains(Int(group))
        if ["mesh", "sdf"].contains(typeName) || typeName == "hfield" && body != 0 {
            let visualOnly = try Self.isVisualOnly(a)
            guard visualOnly || typeName == "mesh" else {
                let why = typeName == "hfield" ? "a height field can only belong to the world body"
                    : "Gait does not collide signed distance fields; give it contype=\"0\" conaffinity=\"0\" and collide with primitive geoms"
                throw error(element, .unsupported("a \(typeName) geom that collides: \(why)"))
            }
            if typeName == "mesh", try a.flag("shellinertia") == true {
                throw a.invalid("shellinertia", expected: "false on a mesh geom (MuJoCo refuses it): give the <mesh> inertia=\"shell\" instead")
            }
            if visualOnly {
                try readVisualGeom(a, of: element, typeName: typeName, body: body, countsForMass: countsForMass, placement: placement)
                return
            }
        }
        if typeName != "mesh", a.text("mesh")?.isEmpty == false {
            throw error(element, .unsupported("a \(typeName) geom with a mesh, which MuJoCo fits to the mesh; Gait does not fit shapes to meshes: give the geom its size and drop mesh"))
        }
        let (pose, fromtoHalfLength) = try frame(a, placement: placement)
        let size = Self.size(try a.numbers("size", counts: [1, 2, 3]) ?? [], fromtoHalfLength: fromtoHalfLength, type: typeName)
        func sizes(_ count: Int, _ meaning: String) throws(ModelError) -> [Double] {
            guard size.count >= count else { throw a.invalid("size", expected: meaning) }
            return Array(size.prefix(count))
        }
        let shape: Model.Geom.Shape
        switch typeName {
        case "plane":
            guard body == 0 else { throw error(element, .unsupported("a plane can only belong to the world body")) }
            shape = .plane
        case "sphere":
            shape = .sphere(radius: try sizes(1, "a radius")[0])
        case "box":
            let half = try sizes(3, "3 half extents")
            shape = .box(halfExtents: Vector3(half[0], half[1], half[2]))
        case "capsule", "cylinder":
            let radiusAndHalfLength = try sizes(2, "a radius and a half-length (or a radius and a fromto)")
            let (radius, halfLength) = (radiusAndHalfLength[0], radiusAndHalfLength[1])
            shape = typeName == "capsule" ? .capsule(radius: radius, halfLength: halfLength)
                : .cylinder(radius: radius, halfLength: halfLength)
        case "hfield":
            guard let name = a.text("hfield") else { throw error(element, .missingAttribute(element: "geom", attribute: "hfield")) }
            guard let field = heightFields[name] else { throw a.invalid("hfield", expected: "the name of an <hfield> asset") }
            shape = .heightField(field)
            notices.approximate("height fields", as: "ODE's two triangles per grid cell for collisions (MuJoCo's are prisms); the renderer and replay page draw them as the floor")
        case "ellipsoid":
            let radii = try sizes(3, "3 radii")
            shape = .ellipsoid(radii: Vector3(radii[0], radii[1], radii[2]))
            notices.approximate("ellipsoid geoms", as: "convex polyhedra of \(Ellipsoid.faceCount) faces with their corners on the ellipsoid, for collisions (mass and inertia are the ellipsoid's)")
        case "mesh":
            shape = try meshCollisionShape(a, of: element)
            notices.approximate("contacts of mesh geoms (their convex hulls) with shapes other than planes and spheres",
                                as: "the deepest of ODE's contacts (resting on a mesh, a box, capsule or cylinder sinks about 4 mm deeper than in MuJoCo; a mesh on a height field about 13 mm)")
        default:
            throw error(element, .unknownGeomType(typeName))
        }
        guard shape.dimensions.allSatisfy({ $0 >= 1e-6 }) else { throw a.invalid("size", expected: "dimensions of at least 1e-6 m") }
        var density = 0.0
        if countsForMass, case .mesh = shape {
            try addMeshMass(a, of: element, pose: pose, body: body)  // apart from the geom, as a visual mesh's
        } else if countsForMass {
            let given = try geomMassAndDensity(a)
            density = given.mass.map { shape.volume > 0 ? $0 / shape.volume : 0 } ?? given.density
            guard given.mass == nil || density == 0 || density >= Self.smallestDensity else {
                throw a.invalid("mass", expected: "0 or a mass that makes a density of at least 1e-6 kg/m³ for the geom's volume")
            }
        }
        let friction = try a.numbers("friction", counts: [1, 2, 3]) ?? [1]
        guard friction.allSatisfy({ $0 >= 0 }) else { throw a.invalid("friction", expected: "non-negative coefficients") }
        let condim = try readContactDimension(a, of: "geom")
        let softness = try readSoftness(a, solref: "solref", solimp: "solimp")
        let solmix = try a.number("solmix") ?? 1
        guard solmix >= 0 else { throw a.invalid("solmix", expected: "a non-negative weight") }
        let priority = try a.number("priority") ?? 0
        guard priority.rounded() == priority else { throw a.invalid("priority", expected: "a whole number") }
        if let fluid = a.text("fluidshape"), fluid != "none" {
            throw a.invalid("fluidshape", expected: "none: Gait has MuJoCo's inertia-box fluid model, not its ellipsoid one")
        }
        if try a.flag("shellinertia") == true { throw a.invalid("shellinertia", expected: "false: shell inertia is not supported") }
        geoms.append(Model.Geom(
            name: a.text("name") ?? "", body: body, shape: shape, pose: pose, friction: friction[0],
            contype: try a.bits("contype") ?? 1, conaffinity: try a.bits("conaffinity") ?? 1,
            condim: condim, density: density))
        geoms[geoms.count - 1].softness = softness
        (geoms[geoms.count - 1].solmix, geoms[geoms.count - 1].priority) = (solmix, Int(priority))
        bodies[body].geoms.append(geoms.count - 1)
    }

    /// The contact dimension a geom or contact pair is simulated with: its `condim` (1, 3, 4 or 6;
    /// 4 and 6 simulated as 3, noted); its `margin` and `gap` noted as contacts from zero distance.
    mutating func readContactDimension(_ a: MJCFAttributes, of element: String) throws(ModelError) -> Int {
        let condim = try a.number("condim") ?? 3
        guard [1, 3, 4, 6].contains(condim) else { throw a.invalid("condim", expected: "1, 3, 4 or 6") }
        if condim > 3 {
            notices.approximate("condim \(Int(condim))", as: "condim 3: torsional and rolling friction are not simulated")
        }
        for key in ["margin", "gap"] where a.text(key) != nil {
            _ = try a.number(key)
            notices.approximate("\(element) \(key)", as: "contacts that act from zero distance")
        }
        return min(Int(condim), 3)
    }

    /// Reads MuJoCo's constraint softness (`solref`: time constant and damping ratio, or negative
    /// stiffness and damping; `solimp`: d0 d_width width [midpoint power]), MuJoCo's defaults
    /// where absent (numbers left out of either too, as MuJoCo reads them), checked against what
    /// MuJoCo accepts.
    func readSoftness(_ a: MJCFAttributes, solref: String, solimp: String) throws(ModelError) -> Model.Softness {
        let standard = Model.Softness.standard
        let reference = try a.numbers(solref, over: standard.reference)
        let positive = reference[0] > 0 && reference[1] > 0, negative = reference[0] <= 0 && reference[1] <= 0
        guard positive || negative else {
            throw a.invalid(solref, expected: "a time constant and a damping ratio, both positive (or a stiffness and a damping, both negative; one number alone is followed by MuJoCo's damping ratio 1)")
        }
        let impedance = try a.numbers(solimp, over: standard.impedance)
        guard (0...1).contains(impedance[0]), (0...1).contains(impedance[1]), impedance[2] >= 0,
              (0...1).contains(impedance[3]), impedance[4] >= 1 else {
            throw a.invalid(solimp, expected: "d0 and d_width from 0 to 1, a width ≥ 0, and optionally a midpoint from 0 to 1 and a power ≥ 1")
        }
        return Model.Softness(reference: reference, impedance: impedance)
    }

    /// The shapes a site may have, each with the number of sizes it uses.
    static let siteSizeCounts = ["sphere": 1, "capsule": 2, "ellipsoid": 3, "cylinder": 2, "box": 3]

    mutating func readSite(_ element: XMLElementNode, body: Int, childclass: String, placement: Pose) throws(ModelError) {
        let a = try attributes(element, className: element.attributes["class"] ?? childclass)
        let type = a.text("type") ?? "sphere"
        guard let sizeCount = Self.siteSizeCounts[type] else {
            throw a.invalid("type", expected: "sphere, capsule, ellipsoid, cylinder or box")
        }
        let (pose, halfLength) = try frame(a, placement: placement)
        let size = Self.size(try a.numbers("size", counts: [1, 2, 3]) ?? [0.005], fromtoHalfLength: halfLength, type: type) + [0.005, 0.005]
        guard size.prefix(sizeCount).allSatisfy({ $0 > 0 }) else {
            throw a.invalid("size", expected: "positive sizes (as many as a \(type) has)")
        }
        sites.append(Model.Site(name: a.text("name") ?? "", body: body, pose: pose, type: type, size: Array(size.prefix(3))))
    }

    /// Reads a joint of `body`, placed by the `<frame>`s it lies in (`placement`).
    mutating func readJoint(_ element: XMLElementNode, body: Int, childclass: String, placement: Pose) throws(ModelError) {
        let isFreeElement = element.name == "freejoint"
        let a = try attributes(element, className: isFreeElement ? nil : element.attributes["class"] ?? childclass)
        let typeName = isFreeElement ? "free" : a.text("type") ?? "hinge"
        guard let kind = Model.Joint.Kind(rawValue: typeName) else { throw error(element, .unknownJointType(typeName)) }
        if try a.flag("align") == true { throw a.invalid("align", expected: "false: aligned free joints are not supported") }
        let scale = kind == .hinge ? angleScale : 1
        let axis = try a.vector("axis") ?? Vector3(0, 0, 1)
        guard axis.length >= 1e-6 else { throw a.invalid("axis", expected: "a non-zero direction") }
        var range = try a.range("range", scale: scale)
        switch try a.flag("limited") {
        case false: range = nil
        case true: if range == nil { throw error(element, .missingAttribute(element: "joint", attribute: "range")) }
        case nil: if !autolimits { range = nil }
        }
        let damping = try a.number("damping") ?? 0
        let stiffness = try a.number("stiffness") ?? 0
        let armature = try a.number("armature") ?? 0
        guard damping >= 0 else { throw a.invalid("damping", expected: "a non-negative number") }
        guard stiffness >= 0 else { throw a.invalid("stiffness", expected: "a non-negative number") }
        guard armature >= 0 else { throw a.invalid("armature", expected: "a non-negative inertia") }
        guard armature == 0 || kind != .free else {
            throw error(element, .unsupported("armature on a free joint; only hinges, slides and ball joints take armature"))
        }
        let frictionLoss = try a.number("frictionloss") ?? 0
        guard frictionLoss >= 0 else { throw a.invalid("frictionloss", expected: "a non-negative force or torque") }
        guard frictionLoss == 0 || kind == .hinge || kind == .slide else {
            throw error(element, .unsupported("frictionloss on a \(typeName) joint; only hinges and slides take it"))
        }
        let springDamper = try a.numbers("springdamper", counts: [2]).flatMap { $0 == [0, 0] ? nil : $0 }
        guard springDamper?.allSatisfy({ $0 > 0 }) ?? true else {
            throw a.invalid("springdamper", expected: "a positive time constant and damping ratio (0 0 for none), as MuJoCo requires")
        }
        if try a.flag("actuatorgravcomp") == true {
            throw error(element, .unsupported("actuatorgravcomp is not supported; leave gravity to the actuators"))
        }
        var actuatorForceRange = try limitedRange(a, range: "actuatorfrcrange", limited: "actuatorfrclimited")
        if actuatorForceRange != nil && kind != .hinge && kind != .slide {
            notices.ignore("actuatorfrcrange on ball and free joints", because: "MuJoCo limits only hinges and slides")
            actuatorForceRange = nil
        }
        let limitSoftness = try readSoftness(a, solref: "solreflimit", solimp: "solimplimit")
        if a.text("solreffriction") != nil || a.text("solimpfriction") != nil {
            _ = try readSoftness(a, solref: "solreffriction", solimp: "solimpfriction")
            notices.approximate("joint solreffriction/solimpfriction", as: "ODE's dry friction, a motor row that holds the joint up to frictionloss")
        }
        let margin = try a.number("margin") ?? 0
        if kind == .ball {
            guard range == nil else { throw error(element, .unsupported("ball joint limits (a cone) are not supported; remove range or set limited=\"false\"")) }
            guard stiffness == 0 else { throw error(element, .unsupported("a ball joint cannot have stiffness")) }
        }
        var joint = Model.Joint(
            name: a.text("name") ?? "", kind: kind, body: body, anchor: placement.apply(try a.vector("pos") ?? .zero),
            axis: placement.rotation.rotate(axis / axis.length), range: range, damping: damping, stiffness: stiffness,
            reference: (try a.number("ref") ?? 0) * scale, armature: armature)
        joint.springReference = (try a.number("springref") ?? 0) * scale
        if let springDamper {
            guard kind == .hinge || kind == .slide else {
                throw error(element, .unsupported("springdamper on a \(typeName) joint; only hinges and slides take it"))
            }
            joint.springDamper = Model.Joint.SpringDamper(timeConstant: springDamper[0], dampingRatio: springDamper[1])
        }
        joint.frictionLoss = frictionLoss
        joint.actuatorForceRange = actuatorForceRange
        joint.limitSoftness = limitSoftness
        joint.limitMargin = margin  // radians or metres: MuJoCo does not convert it from degrees
        guard margin >= 0, range.map({ 2 * margin < $0.upperBound - $0.lowerBound }) ?? true else {
            throw a.invalid("margin", expected: "a distance ≥ 0 (radians for a hinge, even with angle=\"degree\", as in MuJoCo) that leaves part of the range free of both limits")
        }
        joints.append(joint)
        bodies[body].joints.append(joints.count - 1)
    }

    /// The mass that moves with body `index`: its own and that of the descendants welded to it (no
    /// joint between), which are read, and follow it, by the time its joints are checked.
    func weldedMass(of index: Int) -> Double {
        var welded: Set<Int> = [index]
        var mass = bodies[index].massProperties.mass
        for body in bodies.indices.dropFirst(index + 1) where bodies[body].joints.isEmpty && welded.contains(bodies[body].parent!) {
            welded.insert(body)
            mass += bodies[body].massProperties.mass
        }
        return mass
    }

    /// A body carries a free joint (directly in <worldbody>), a ball joint, or a sequence of hinges
    /// and slides; the planar root (slide x, slide z, hinge y) is such a sequence without limits,
    /// damping or stiffness.
    func checkJoints(of index: Int, element: XMLElementNode) throws(ModelError) {
        let body = bodies[index]
        let kinds = body.joints.map { joints[$0].kind }
        let name = body.name.isEmpty ? "#\(index)" : "'\(body.name)'"
        if body.joints.isEmpty { return }
        guard body.massProperties.mass >= Model.smallestValue || weldedMass(of: index) >= Model.smallestValue else {
            throw error(element, .unsupported("body \(name) moves but has no mass (or less than 1e-15 kg, as MuJoCo requires), nor has any body welded to it; give it a geom with positive density or mass, or an <inertial>"))
        }
        if kinds.contains(.free) || kinds.contains(.ball) {
            guard kinds.count == 1 else {
                throw error(element, .unsupported("body \(name): a free or ball joint must be the body's only joint; hinges and slides may be combined in any order"))
            }
            guard kinds != [.free] || body.parent == 0 else {
                throw error(element, .unsupported("body \(name): a free joint is only allowed on a body directly in <worldbody>"))
            }
            return
        }
        guard Model.isPlanarRoot(body: body, joints: joints) else { return }
        for joint in body.joints.map({ joints[$0] }) where joint.range != nil || joint.damping != 0 || joint.stiffness != 0
            || joint.armature != 0 || joint.frictionLoss != 0 {
            throw error(element, .unsupported("body \(name): the planar root joints cannot have limits, damping, stiffness, armature or frictionloss"))
        }
    }
}
