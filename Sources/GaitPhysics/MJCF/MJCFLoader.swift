import Foundation

/// Turns MJCF into a `Model` as MuJoCo's compiler does: resolves includes and default classes,
/// converts angles and orientations, computes mass properties (from geoms or `<inertial>`, with
/// `inertiafromgeom`, `settotalmass` and `boundmass`), and checks that every joint arrangement is
/// one the ODE layer can simulate. `MJCFSchema` lists what is read, ignored or refused.
struct MJCFLoader {
    /// The attribute sets a default class holds for each element kind (`defaultKind`).
    typealias DefaultClass = [String: [String: MJCFAttributes.Value]]

    /// Where `inertiafromgeom` takes body mass properties from.
    enum InertiaSource: String { case `true`, `false`, auto }

    let source: String
    var name = ""
    var angleScale = Double.pi / 180
    var eulerSequence = "xyz"
    var inertiaSource = InertiaSource.auto
    var inertiaGroups = 0...5
    var autolimits = true
    var totalMass: Double?
    var boundMass = 0.0
    var timestep = 0.002
    var impedanceRatio = 1.0
    /// Whether `<option cone>` asks for MuJoCo's elliptic cone (`Model.ellipticCone`).
    var ellipticCone = false
    var fluid = Model.Fluid()
    var gravity = Vector3(0, 0, -9.81)
    var defaults: [String: DefaultClass] = [:]
    /// Each default class's actuator law, then its ancestors' (nearest first; a class that writes
    /// none holds its parent's): `MJCFActuatorLaw`.
    var actuatorLaws: [String: [MJCFActuatorLaw]] = [:]
    var bodies = [Model.Body(name: "world", parent: nil, pose: .identity, joints: [], geoms: [], massProperties: .zero)]
    var joints: [Model.Joint] = []
    var geoms: [Model.Geom] = []
    var actuators: [Model.Actuator] = []
    var sites: [Model.Site] = []
    var keyframes: [Model.Keyframe] = []
    /// Fixed tendons by name: their joints and coefficients.
    var tendons: [String: [Model.Actuator.Transmission]] = [:]
    /// Height field assets by name.
    var heightFields: [String: Model.HeightField] = [:]
    /// The model file's folder (nil for a model read from text): the root of every file it names.
    var modelFolder: URL?
    /// Where asset files are found, relative to `modelFolder` (the compiler's `meshdir`, or else `assetdir`).
    var assetFolder = ""
    /// Whether asset file names lose their folders (the compiler's `strippath`).
    var stripPath = false
    /// The files read besides the model file: includes, then height-field and mesh data.
    var referencedFiles: [URL] = []
    /// The tendons an actuator drives or an equality holds.
    var usedTendons: Set<String> = []
    var tendonSprings: [Model.TendonSpring] = []
    var tendonLimits: [Model.TendonLimit] = []
    var spatialTendons: Set<String> = []
    /// Bodies whose mass properties an `<inertial>` gives, with them (body frame).
    var inertials: [Int: MassProperties] = [:]
    /// Weightless bodies turned in their parent (before any `<frame>`): MuJoCo gives their
    /// inertial frame that turn on top of the body's own.
    var turnedWeightlessBodies: Set<Int> = []
    var notices = MJCFNotices()
    var switches = Model.Switches()
    /// Whether `<option integrator>` is one of MuJoCo's implicit ones (`Model.implicitServoVelocity`).
    var implicitServoVelocity = false
    var excludedContacts: [Model.BodyPair] = []
    var contactPairs: [Model.ContactPair] = []
    /// Mesh assets by name: their element and attributes (`readMesh`).
    var meshAssets: [String: (element: XMLElementNode, attributes: MJCFAttributes)] = [:]
    /// The mass of each mesh asset a weighing geom has used so far.
    var meshMasses: [String: MeshMass] = [:]
    /// Each mesh asset's surface, once read, and the shape its colliding geoms collide as.
    var meshSurfaces: [String: MeshTriangles] = [:]
    var meshHulls: [String: ConvexHull] = [:]
    /// Per body: the mass of its mesh geoms, which weigh but are left out of the model.
    var meshGeomMasses: [Int: MassProperties] = [:]
    /// The names of the visual-only geoms left out of the model (mesh, sdf, height field).
    var visualGeoms: Set<String> = []
    var sensors: [Model.Sensor] = []

    init(source: String) { self.source = source }

    mutating func load(_ document: XMLElementNode, file: URL?) throws(ModelError) -> Model {
        guard document.name == "mujoco" else { throw error(document, .unknownElement(document.name)) }
        let root: XMLElementNode
        if let file {
            modelFolder = file.deletingLastPathComponent()
            var includes = MJCFIncludes(root: file.deletingLastPathComponent())
            root = try includes.expand(document, file: file)
            referencedFiles = includes.included
        } else if let include = Self.firstInclude(in: document) {
            throw error(include, .include("an <include> needs the model to be read from a file, to resolve its path against"))
        } else {
            root = document
        }
        guard root.elementCount <= XMLElementNode.maximumElements else {
            throw error(root, .tooLarge("more than \(XMLElementNode.maximumElements) elements with its includes"))
        }
        name = try attributes(root).text("model") ?? ""
        defaults["main"] = [:]
        for child in root.children where child.name == "compiler" { try readCompiler(child) }
        for child in root.children where child.name == "default" { try readDefault(child, parent: [:], parentLaws: [], isTop: true) }
        for child in root.children {
            switch child.name {
            case "compiler", "default", "worldbody", "actuator", "tendon", "sensor", "keyframe": continue
            case "option": try readOption(child)
            case "asset": try readAsset(child)
            case "contact", "equality": continue
            default: try ignoreOrRefuse(child)
            }
        }
        for child in root.children where child.name == "worldbody" { try readWorldbody(child) }
        orderByBody()
        for child in root.children where child.name == "contact" { try readContact(child) }
        if boundMass > 0 { applyBoundMass() }
        if let totalMass { scaleMasses(to: totalMass) }
        for child in root.children where child.name == "tendon" { try readTendons(child) }
        for child in root.children where child.name == "actuator" { try readActuators(child) }
        for child in root.children where child.name == "sensor" { try readSensors(child) }
        try checkUniqueNames()
        var model = Model(name: name, timestep: timestep, gravity: gravity, bodies: bodies, joints: joints, geoms: geoms,
                          actuators: actuators, sites: sites, implicitServoVelocity: implicitServoVelocity)
        for child in root.children where child.name == "keyframe" { try readKeyframes(child, model: model) }
        for child in root.children where child.name == "equality" { model.equalities += try readEqualities(child, model: model) }
        if !Set(tendons.keys).isSubset(of: usedTendons) {
            notices.ignore("fixed tendons that no actuator drives and no equality holds", because: "they have no spring, so they do not act on the motion")
        }
        let overdamped = model.actuators.indices.filter { model.implicitlyDampedJoint(ofActuator: $0) == nil }
            .map { (model.actuators[$0].name, model.servoDampingPerStep($0)) }.filter { $0.1 > 2 }
        if let worst = overdamped.max(by: { $0.1 < $1.1 }) {
            notices.approximate("actuators' velocity terms (kv)",
                                as: "explicit forces each step, unstable for \(overdamped.count) of them: kv·timestep over the mass moved reaches \(String(format: "%.2g", worst.1)) (actuator '\(worst.0)'), above 2; MuJoCo's implicit integrators take them implicitly, and so does Gait with <option integrator=\"implicitfast\"> for a servo on one hinge or slide (one with a forcerange while its force is within it, on a joint with armature or with a servo without one). Lower kv or the time step")
        }
        model.keyframes = keyframes
        model.notices = notices.lines
        model.referencedFiles = referencedFiles
        model.switches = switches
        model.impedanceRatio = impedanceRatio
        model.ellipticCone = ellipticCone
        model.fluid = fluid
        model.tendonSprings = tendonSprings
        model.tendonLimits = tendonLimits.map { limit in
            var weighted = limit
            weighted.weight = model.inverseWeights.weight(of: model.lengthJacobian(between: limit.sites[0], and: limit.sites[1]))
            return weighted
        }
        model.excludedContacts = excludedContacts
        model.contactPairs = contactPairs
        model.sensors = sensors
        try checkFrictionLoss(model)
        return model
    }

    private static func firstInclude(in element: XMLElementNode) -> XMLElementNode? {
        for child in element.children {
            if child.name == "include" { return child }
            if let found = firstInclude(in: child) { return found }
        }
        return nil
    }

    // MARK: - Attributes and classes

    func error(_ element: XMLElementNode, _ reason: ModelError.Reason) -> ModelError {
        ModelError(source: element.source, line: element.line, reason: reason)
    }

    /// An element Gait does not read: ignored whole with a notice, or refused.
    mutating func ignoreOrRefuse(_ element: XMLElementNode) throws(ModelError) {
        if let reason = MJCFSchema.ignoredElements[element.name] {
            notices.ignore("<\(element.name)>", because: reason)
        } else if let why = MJCFSchema.refusedElements[element.name] {
            throw error(element, .unsupported("<\(element.name)>: \(why)"))
        } else {
            throw error(element, .unknownElement(element.name))
        }
    }

    /// `<contact>`: `<exclude>` keeps two bodies' geoms apart; `<pair>` makes two geoms touch
    /// with settings of their own (`Model.ContactPair`).
    mutating func readContact(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element)
        for child in element.children {
            switch child.name {
            case "exclude":
                let pair = try Self.indices(attributes(child), named: ["body1", "body2"], among: bodies.map(\.name),
                                            expected: "the name of a body of the model")
                excludedContacts.append(Model.BodyPair(pair[0], pair[1]))
            case "pair":
                contactPairs.append(try readContactPair(child))
            default:
                throw error(child, .unknownElement(child.name))
            }
        }
    }

    /// A `<contact><pair>`: its settings or MuJoCo's defaults (friction 1 1 0.005 0.0001 0.0001, a
    /// prefix: `friction="0.3"` slides at 0.3 along one tangent and 1 along the other; condim 3;
    /// solref 0.02 1; solimp 0.9 0.95 0.001 0.5 2), through its class, never its geoms'.
    mutating func readContactPair(_ element: XMLElementNode) throws(ModelError) -> Model.ContactPair {
        let a = try attributes(element, className: element.attributes["class"] ?? "main")
        for key in ["geom1", "geom2"] {
            if let name = a.text(key), visualGeoms.contains(name) {
                throw error(element, .unsupported("the pair's \(key) '\(name)' collides with nothing (contype and conaffinity 0), so Gait leaves it out of the model; give it contype or conaffinity, or pair another geom"))
            }
        }
        let pair = try Self.indices(a, named: ["geom1", "geom2"], among: geoms.map(\.name), expected: "the name of a geom of the model")
        let friction = try a.numbers("friction", over: [1, 1, 0.005, 0.0001, 0.0001])
        guard friction.allSatisfy({ $0 >= 0 }) else { throw a.invalid("friction", expected: "non-negative coefficients") }
        _ = try a.numbers("solreffriction", counts: [1, 2])  // no effect on a pyramidal cone, in MuJoCo either
        let (first, second) = (min(pair[0], pair[1]), max(pair[0], pair[1]))
        guard !contactPairs.contains(where: { $0.geom1 == first && $0.geom2 == second }) else {
            throw error(element, .unsupported("geoms '\(geoms[first].name)' and '\(geoms[second].name)' are paired twice (MuJoCo doubles their contact); give each pair once"))
        }
        return Model.ContactPair(name: a.text("name") ?? "", geom1: first, geom2: second, friction: Array(friction.prefix(2)),
                                 condim: try readContactDimension(a, of: "pair"),
                                 softness: try readSoftness(a, solref: "solref", solimp: "solimp"))
    }

    /// The indices in `names` of the names the required attributes `keys` give.
    static func indices(_ a: MJCFAttributes, named keys: [String], among names: [String], expected: String) throws(ModelError) -> [Int] {
        var indices: [Int] = []
        for key in keys {
            let name = try a.required(key)
            guard let index = names.firstIndex(of: name) else { throw a.invalid(key, expected: expected) }
            indices.append(index)
        }
        return indices
    }

    /// Dry friction needs an ODE hinge or slider of the joint's own, or a universal joint.
    func checkFrictionLoss(_ model: Model) throws(ModelError) {
        for (index, joint) in model.joints.enumerated() where joint.frictionLoss > 0 {
            guard let connection = model.layout.connections[index], connection.segment != .gimbal else {
                throw ModelError(source: source, line: 0, reason: .unsupported("joint '\(joint.name)': frictionloss on one of three perpendicular hinges at one anchor (an ODE ball joint) is not supported"))
            }
        }
    }

    /// The kind whose defaults an element takes: the actuator kinds share one, as in MuJoCo.
    static func defaultKind(_ element: String) -> String {
        MJCFActuatorLaw.Kind(rawValue: element) != nil ? "actuator"
            : ["connect", "weld", "equality joint", "equality tendon"].contains(element) ? "equality" : element
    }

    /// Checks an element's attribute names and returns them with its class defaults applied
    /// (`className`, or none); rendering and bookkeeping attributes are noted and dropped.
    /// `schema` names its entry in `MJCFSchema.read` where that is not the element's name.
    mutating func attributes(_ element: XMLElementNode, className: String? = nil, schema: String? = nil) throws(ModelError) -> MJCFAttributes {
        let kind = schema ?? element.name
        guard let allowed = MJCFSchema.read[kind] else { throw error(element, .unknownElement(element.name)) }
        var values: [String: MJCFAttributes.Value] = [:]
        if let className {
            guard let defaultClass = defaults[className] else { throw error(element, .unknownClass(className)) }
            values = defaultClass[Self.defaultKind(kind)] ?? [:]
        }
        for group in Self.exclusiveAttributes {
            let given = group.filter { element.attributes[$0] != nil }
            guard given.count <= 1 else {
                throw error(element, .unsupported("\(given.joined(separator: " and ")) cannot both be given (MuJoCo refuses them together): give one"))
            }
        }
        for key in element.attributes.keys.sorted() {
            if MJCFSchema.ignoredEverywhere.contains(key) {
                if key != "class" { notices.ignore(key, because: key == "user" ? "user data" : "rendering") }
                continue
            }
            guard allowed.contains(key) else { throw error(element, .unknownAttribute(element: element.name, attribute: key)) }
            values[key] = Self.overlaying(MJCFAttributes.Value(text: element.attributes[key]!, line: element.line), on: values[key], key: key)
            Self.dropExclusive(of: key, from: &values)
        }
        return MJCFAttributes(element: element.name, line: element.line, source: element.source, values: values)
    }

    /// The arrays MuJoCo reads as a prefix: numbers an element (or a class) leaves out keep its
    /// class's, so `size="0.05"` over a class's `0.1 0.2 0.3` is 0.05 0.2 0.3.
    static let prefixArrays: Set<String> = ["size", "friction", "fluidcoef", "surfacevel", "solref", "solimp", "solreflimit",
                                            "solimplimit", "solreffriction", "solimpfriction", "gear", "damping", "stiffness"]

    /// `value` given for attribute `key` over the `inherited` one of its class, the class's
    /// numbers after `value`'s kept when `key` is one of `prefixArrays`.
    static func overlaying(_ value: MJCFAttributes.Value, on inherited: MJCFAttributes.Value?, key: String) -> MJCFAttributes.Value {
        guard let inherited else { return value }
        let (given, kept) = (MJCFAttributes.words(value.text), MJCFAttributes.words(inherited.text))
        // MuJoCo reads an array without numbers as absent, so its class's numbers stand.
        if given.isEmpty, kept.allSatisfy({ Double($0) != nil }) { return inherited }
        guard prefixArrays.contains(key), !given.isEmpty, given.count < kept.count else { return value }
        return MJCFAttributes.Value(text: (given + kept.dropFirst(given.count)).joined(separator: " "), line: value.line)
    }

    /// Groups of attributes that set the same thing (a frame's orientation; a position servo's kv
    /// and dampratio, both MuJoCo's biasprm[2]): an element gives at most one of a group, and the
    /// one it gives replaces a default's other.
    static let exclusiveAttributes = [["quat", "axisangle", "euler", "xyaxes", "zaxis"], ["kv", "dampratio"]]

    /// Removes from `values` the attributes that `key` excludes.
    static func dropExclusive(of key: String, from values: inout [String: MJCFAttributes.Value]) {
        for group in exclusiveAttributes where group.contains(key) {
            for other in group where other != key { values[other] = nil }
        }
    }

    /// What names an object or gives its data belongs to the element, not its class (MuJoCo's schema).
    static let ownAttributes = ["pair": ["name", "geom1", "geom2"], "mesh": ["name", "file", "vertex", "face", "normal", "texcoord", "refpos", "refquat", "content_type", "smoothnormal"]]

    /// Reads a default class and those inside it: the attributes each element kind takes, and
    /// the actuator law (`parentLaws`: the enclosing classes' laws, nearest first).
    mutating func readDefault(_ element: XMLElementNode, parent: DefaultClass, parentLaws: [MJCFActuatorLaw], isTop: Bool) throws(ModelError) {
        let className = element.attributes["class"] ?? (isTop ? "main" : nil)
        guard let className else { throw error(element, .missingAttribute(element: "default", attribute: "class")) }
        for key in element.attributes.keys where key != "class" {
            throw error(element, .unknownAttribute(element: "default", attribute: key))
        }
        // Each top-level <default> adds to the main class (an included file's among them), as in MuJoCo.
        var resolved = isTop ? defaults[className] ?? parent : parent
        var law = parentLaws.first ?? (isTop ? actuatorLaws[className]?.first : nil) ?? MJCFActuatorLaw()
        for child in element.children where child.name != "default" {
            // Defaults for elements Gait ignores or refuses wherever they are used.
            if MJCFSchema.ignoredElements[child.name] != nil || child.name == "hfield" { continue }
            var node = child
            if child.name == "tendon" { node.name = "fixed" }
            guard MJCFSchema.read[node.name] != nil, !["body", "frame", "worldbody", "inertial", "freejoint"].contains(node.name) else {
                try ignoreOrRefuse(child)
                continue
            }
            let kind = Self.defaultKind(node.name), a = try attributes(node)
            if let key = Self.ownAttributes[node.name]?.first(where: { a.text($0) != nil }) {
                throw error(node, .unknownAttribute(element: "default \(node.name)", attribute: key))
            }
            var given = a.values
            if let lawKind = MJCFActuatorLaw.Kind(rawValue: node.name) {
                law = try MJCFActuatorLaw.written(by: lawKind, a, over: [law] + parentLaws)
                given = given.filter { !MJCFActuatorLaw.attributes.contains($0.key) }
            }
            guard !given.isEmpty else { continue }
            var values = resolved[kind] ?? [:]
            for (key, value) in given {
                Self.dropExclusive(of: key, from: &values)
                values[key] = Self.overlaying(value, on: values[key], key: key)
            }
            resolved[kind] = values
        }
        defaults[className] = resolved
        actuatorLaws[className] = [law] + parentLaws
        for child in element.children where child.name == "default" {
            try readDefault(child, parent: resolved, parentLaws: [law] + parentLaws, isTop: false)
        }
    }

    /// Lists geoms and sites body by body, as MuJoCo's compiler does: a later `<worldbody>`'s
    /// (a scene's floor after its robot's include) come first with the world's, not last.
    mutating func orderByBody() {
        let order = geoms.indices.sorted { (geoms[$0].body, $0) < (geoms[$1].body, $1) }
        geoms = order.map { geoms[$0] }
        for body in bodies.indices { bodies[body].geoms = [] }
        for (index, geom) in geoms.enumerated() { bodies[geom.body].geoms.append(index) }
        sites = sites.indices.sorted { (sites[$0].body, $0) < (sites[$1].body, $1) }.map { sites[$0] }
    }

    mutating func readCompiler(_ element: XMLElementNode) throws(ModelError) {
        let a = try attributes(element)
        switch a.text("angle") {  // a later <compiler> keeps what an earlier one set, as in MuJoCo
        case nil: break
        case "degree": angleScale = .pi / 180
        case "radian": angleScale = 1
        default: throw a.invalid("angle", expected: "degree or radian")
        }
        guard a.text("coordinate") ?? "local" == "local" else {
            throw a.invalid("coordinate", expected: "local; global coordinates were removed from MuJoCo and Gait does not read them")
        }
        if let sequence = a.text("eulerseq") {
            guard sequence.count == 3, sequence.allSatisfy({ "xyzXYZ".contains($0) }) else {
                throw a.invalid("eulerseq", expected: "three of x, y, z (rotating axes) or X, Y, Z (fixed axes), such as xyz")
            }
            eulerSequence = sequence
        }
        if let source = a.text("inertiafromgeom") {
            guard let parsed = InertiaSource(rawValue: source) else { throw a.invalid("inertiafromgeom", expected: "true, false or auto") }
            inertiaSource = parsed
        }
        if let groups = try a.numbers("inertiagrouprange", counts: [2]) {
            guard groups[0] <= groups[1], groups.allSatisfy({ $0 >= 0 && $0 <= 31 && $0.rounded() == $0 }) else {
                throw a.invalid("inertiagrouprange", expected: "two whole numbers from 0 to 31, the first not above the second")
            }
            inertiaGroups = Int(groups[0])...Int(groups[1])
        }
        if let mass = try a.number("settotalmass"), mass > 0 {
            guard mass >= MJCFAttributes.smallestMass else { throw a.invalid("settotalmass", expected: "a positive mass of at least 1e-6 kg") }
            totalMass = mass
        }
        if let mass = try a.number("boundmass") {
            guard mass >= 0 else { throw a.invalid("boundmass", expected: "a non-negative mass in kg") }
            boundMass = mass
        }
        autolimits = try a.flag("autolimits") ?? autolimits
        let boundInertia = try a.number("boundinertia") ?? 0, balanceInertia = try a.flag("balanceinertia")
        if boundInertia != 0 || balanceInertia == true {
            throw error(element, .unsupported("<compiler boundinertia/balanceinertia> are not supported; give the inertias in the model"))
        }
        let fuseStatic = try a.flag("fusestatic"), alignFree = try a.flag("alignfree")
        if fuseStatic == true || alignFree == true {
            throw error(element, .unsupported("<compiler fusestatic/alignfree=\"true\"> are not supported: they change the body tree; leave them false"))
        }
        assetFolder = a.text("meshdir") ?? a.text("assetdir") ?? assetFolder
        stripPath = try a.flag("strippath") ?? stripPath
        for key in ["texturedir", "discardvisual"] where a.text(key) != nil { notices.ignore("<compiler \(key)>", because: "rendering") }
        if a.text("usethread") != nil { notices.ignore("<compiler usethread>", because: "Gait compiles on one thread") }
        if a.text("exactmeshinertia") != nil {
            throw a.invalid("exactmeshinertia", expected: "nothing: MuJoCo 3.17 refuses it; give the <mesh> inertia=\"exact\" instead")
        }
    }

    mutating func readOption(_ element: XMLElementNode) throws(ModelError) {
        let a = try attributes(element)
        if let step = try a.number("timestep") {
            guard step >= 1e-6, step <= 1 else { throw a.invalid("timestep", expected: "a number of seconds from 1e-6 to 1") }
            timestep = step
        }
        gravity = try a.vector("gravity") ?? gravity
        for (key, value) in [("density", \Model.Fluid.density), ("viscosity", \Model.Fluid.viscosity)] {
            guard let number = try a.number(key) else { continue }
            guard number >= 0, number <= 1e6 else { throw a.invalid(key, expected: "a number from 0 to 1e6") }
            fluid[keyPath: value] = number
        }
        if let wind = try a.vector("wind") {
            guard wind.x.magnitude <= 1e4, wind.y.magnitude <= 1e4, wind.z.magnitude <= 1e4 else {
                throw a.invalid("wind", expected: "three speeds within ±1e4 m/s")
            }
            fluid.wind = wind
        }
        if let ratio = try a.number("impratio") {
            guard ratio >= 1e-6, ratio <= 1e6 else { throw a.invalid("impratio", expected: "a ratio from 1e-6 to 1e6") }
            impedanceRatio = ratio
        }
        if let integrator = a.text("integrator") { implicitServoVelocity = ["implicit", "implicitfast"].contains(integrator) }
        if let cone = a.text("cone") { ellipticCone = cone == "elliptic" }
        if ellipticCone {
            notices.approximate("<option cone=\"elliptic\">", as: "a normal row and two friction rows, each bounded by μ times the normal force (a square about the cone's circle, turned along the sliding while the contact slides), regularised as MuJoCo's elliptic cone")
        }
        let solver = ["integrator", "iterations", "solver", "tolerance", "ls_iterations", "ls_tolerance",
                      "noslip_iterations", "noslip_tolerance", "ccd_iterations", "ccd_tolerance", "sdf_iterations",
                      "sdf_initpoints", "jacobian", "apirate", "o_margin", "o_solref", "o_solimp", "o_friction",
                      "magnetic"].filter { a.text($0) != nil }
        for key in solver {
            let servos = key == "integrator" && implicitServoVelocity ? " (servos' velocity terms implicit, as MuJoCo takes them)" : ""
            notices.approximate("<option \(key)>", as: "Gait steps with ODE's exact Dantzig solver and semi-implicit Euler integration" + servos)
        }
        for flag in element.children {
            guard flag.name == "flag" else { throw error(flag, .unknownElement(flag.name)) }
            try readFlags(flag)
        }
    }

    /// `<flag>`: contact, gravity, limit, frictionloss and constraint (all three) can be
    /// disabled; flags of MuJoCo's solver and diagnostics are noted; the rest are refused.
    mutating func readFlags(_ flag: XMLElementNode) throws(ModelError) {
        for key in flag.attributes.keys.sorted() {
            let value = flag.attributes[key]!
            guard value == "enable" || value == "disable" else {
                throw error(flag, .invalidValue(element: "flag", attribute: key, value: value, expected: "enable or disable"))
            }
            let on = value == "enable"
            switch key {
            case "contact": switches.contacts = on
            case "gravity": switches.gravity = on
            case "limit": switches.limits = on
            case "frictionloss": switches.frictionLoss = on
            case "equality": switches.equalities = on
            case "constraint": (switches.contacts, switches.limits, switches.frictionLoss, switches.equalities) = (on, on, on, on)
            case "warmstart", "energy", "fwdinv", "invdiscrete", "sensor", "midphase", "island", "nativeccd", "multiccd",
                 "refsafe", "autoreset", "eulerdamp":
                notices.ignore("<flag \(key)>", because: "a setting of MuJoCo's solver or diagnostics")
            case "actuation", "clampctrl", "filterparent", "spring", "damper":
                guard on else {
                    throw error(flag, .invalidValue(element: "flag", attribute: key, value: value, expected: "enable: Gait cannot disable \(key)"))
                }
            case "override":
                guard !on else {
                    throw error(flag, .invalidValue(element: "flag", attribute: key, value: value, expected: "disable: Gait cannot override contact parameters"))
                }
            default:
                throw error(flag, .unknownAttribute(element: "flag", attribute: key))
            }
        }
    }

    /// Textures and materials are ignored; meshes are kept for the geoms that weigh with them (a
    /// geom that collides with one is refused); height fields are read for their geoms.
    mutating func readAsset(_ element: XMLElementNode) throws(ModelError) {
        for child in element.children {
            switch child.name {
            case "mesh": try readMesh(child)
            case "hfield": try readHeightField(child)
            default: try ignoreOrRefuse(child)
            }
        }
    }

    /// A height field asset: its size and grid, from a binary `file` or from `nrow`, `ncol` and
    /// `elevation` (its first row at +y as MuJoCo reads it; all 0 without).
    mutating func readHeightField(_ element: XMLElementNode) throws(ModelError) {
        let a = try attributes(element)
        guard let name = a.text("name") else { throw error(element, .missingAttribute(element: "hfield", attribute: "name")) }
        guard heightFields[name] == nil else { throw a.invalid("name", expected: "a name no other <hfield> has") }
        _ = try a.required("size")
        guard let size = try a.numbers("size", counts: [4]), size.allSatisfy({ $0 >= 1e-6 }) else {
            throw a.invalid("size", expected: "4 sizes of at least 1e-6: radius_x radius_y elevation_z base_z")
        }
        let grid: (rows: Int, columns: Int, samples: [Double])
        if let path = a.text("file") {
            for key in ["nrow", "ncol", "elevation"] where a.text(key) != nil {
                notices.ignore("<hfield \(key)> beside file", because: "the file's grid is used, as MuJoCo's compiler uses it")
            }
            grid = try readHeightFieldFile(path, of: element)
        } else {
            grid = try readHeightFieldGrid(a)
        }
        heightFields[name] = Model.HeightField(rows: grid.rows, columns: grid.columns, radiusX: size[0], radiusY: size[1],
                                               elevation: size[2], base: size[3], samples: grid.samples)
    }

    /// A height field's grid from its `nrow`, `ncol` and `elevation` attributes, row 0 at −y.
    private func readHeightFieldGrid(_ a: MJCFAttributes) throws(ModelError) -> (rows: Int, columns: Int, samples: [Double]) {
        let counts = try ["nrow", "ncol"].map { key throws(ModelError) -> Int in
            _ = try a.required(key)
            guard let count = try a.number(key), count.rounded() == count, count >= 2 else {
                throw a.invalid(key, expected: "a whole number of samples, at least 2")
            }
            return Int(count)
        }
        guard counts[0] * counts[1] <= Model.HeightField.maximumSamples else {
            throw a.invalid("ncol", expected: "nrow × ncol at most \(Model.HeightField.maximumSamples) samples")
        }
        let given = try a.numbers("elevation", counts: [counts[0] * counts[1]]) ?? [Double](repeating: 0, count: counts[0] * counts[1])
        return (counts[0], counts[1], Self.bottomRowFirst(given, columns: counts[1]))
    }

    /// A grid listed top row (+y) first, as `elevation` and PNG images list it, reordered with
    /// row 0 at −y, as MuJoCo's compiler stores it.
    static func bottomRowFirst(_ grid: [Double], columns: Int) -> [Double] {
        stride(from: grid.count - columns, through: 0, by: -columns).flatMap { grid[$0..<$0 + columns] }
    }

    // MARK: - Bodies

    mutating func readWorldbody(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element)
        for childBodies in [false, true] {
            for child in element.children {
                try readPart(child, body: 0, childclass: "main", hasInertial: true, placement: .identity, childBodies: childBodies)
            }
        }
    }

    /// A geom, site, joint or frame of `body`, placed by the frames it lies in (`placement`, in
    /// the body's frame), or an element ignored or refused; or, when reading `childBodies`, a
    /// body inside it. A body's own parts are read before its children, wherever they lie among
    /// them, so that joints and geoms take MuJoCo's order: body by body.
    mutating func readPart(_ element: XMLElementNode, body: Int, childclass: String, hasInertial: Bool, placement: Pose,
                           childBodies: Bool) throws(ModelError) {
        switch element.name {
        case "body": if childBodies { try readBody(element, parent: body, childclass: childclass, placement: placement) }
        case "frame":
            try readFrame(element, body: body, childclass: childclass, hasInertial: hasInertial, placement: placement, childBodies: childBodies)
        case _ where childBodies: return
        case "geom": try readGeom(element, body: body, childclass: childclass, hasInertial: hasInertial, placement: placement)
        case "site": try readSite(element, body: body, childclass: childclass, placement: placement)
        case "joint", "freejoint", "inertial":
            guard body != 0 else { throw error(element, .unsupported("the world body cannot have <\(element.name)>; put it in a <body>")) }
            guard element.name != "inertial" else { throw error(element, .unsupported("an <inertial> inside a <frame>; put it in the body itself")) }
            try readJoint(element, body: body, childclass: childclass, placement: placement)
        default: try ignoreOrRefuse(element)
        }
    }

    /// `<frame>`: a pose, and a childclass, for the geoms, sites, bodies and frames inside it, which
    /// MuJoCo's compiler folds into each of them; the frame itself leaves nothing behind.
    mutating func readFrame(_ element: XMLElementNode, body: Int, childclass inherited: String, hasInertial: Bool,
                            placement: Pose, childBodies: Bool) throws(ModelError) {
        let a = try attributes(element)
        // MuJoCo takes a frame's class as its childclass.
        let childclass = try resolvedChildclass(a.text("childclass") ?? element.attributes["class"], inherited: inherited, of: element)
        let pose = placement.composed(with: try ownPose(a))
        for child in element.children {
            try readPart(child, body: body, childclass: childclass, hasInertial: hasInertial, placement: pose, childBodies: childBodies)
        }
    }

    /// The defaults class the parts inside `element` take: `named`, or the one `element` inherited.
    func resolvedChildclass(_ named: String?, inherited: String, of element: XMLElementNode) throws(ModelError) -> String {
        let childclass = named ?? inherited
        guard defaults[childclass] != nil else { throw error(element, .unknownClass(childclass)) }
        return childclass
    }

    /// An element's pose from its `pos` and orientation attributes, in its parent's frame.
    func ownPose(_ a: MJCFAttributes) throws(ModelError) -> Pose {
        Pose(position: try a.vector("pos") ?? .zero, rotation: try a.orientation(angleScale: angleScale, sequence: eulerSequence))
    }

    mutating func readBody(_ element: XMLElementNode, parent: Int, childclass inherited: String, placement: Pose) throws(ModelError) {
        let a = try attributes(element)
        let childclass = try resolvedChildclass(a.text("childclass"), inherited: inherited, of: element)
        if try a.flag("mocap") == true { throw error(element, .unsupported("mocap bodies are not supported")) }
        if try a.number("gravcomp") ?? 0 != 0 { throw error(element, .unsupported("gravity compensation (gravcomp) is not supported")) }
        let own = try ownPose(a), pose = placement.composed(with: own)
        let index = bodies.count
        bodies.append(Model.Body(name: a.text("name") ?? "", parent: parent, pose: pose, joints: [], geoms: [],
                                 massProperties: .zero))
        let inertial = element.children.filter { $0.name == "inertial" }
        guard inertial.count <= 1 else { throw error(inertial[1], .unsupported("a body can have one <inertial>")) }
        if let first = inertial.first { inertials[index] = try readInertial(first) }
        for childBodies in [false, true] {
            for child in element.children where child.name != "inertial" {
                try readPart(child, body: index, childclass: childclass, hasInertial: massFromInertial(index), placement: .identity, childBodies: childBodies)
            }
        }
        bodies[index].massProperties = ownMass(of: index, position: own.position)
        if bodies[index].massProperties.mass == 0, inertials[index] == nil, own.rotation != .identity { turnedWeightlessBodies.insert(index) }
        try checkJoints(of: index, element: element)
    }

    mutating func readInertial(_ element: XMLElementNode) throws(ModelError) -> MassProperties {
        let a = try attributes(element)
        let mass = try a.number("mass") ?? 0
        guard mass >= 0 else { throw a.invalid("mass", expected: "a non-negative mass in kg") }
        let inertia: Matrix3, attribute: String
        if let d = try a.numbers("diaginertia", counts: [3]) {
            guard a.text("fullinertia") == nil else { throw a.invalid("fullinertia", expected: "either diaginertia or fullinertia, not both") }
            (inertia, attribute) = (.diagonal(Vector3(d[0], d[1], d[2])), "diaginertia")
        } else if let f = try a.numbers("fullinertia", counts: [6]) {
            inertia = Matrix3(xx: f[0], xy: f[3], xz: f[4], yx: f[3], yy: f[1], yz: f[5], zx: f[4], zy: f[5], zz: f[2])
            attribute = "fullinertia"
        } else {
            throw error(element, .missingAttribute(element: "inertial", attribute: "diaginertia"))
        }
        guard mass == 0 || inertia.isPhysicalInertia else {
            throw a.invalid(attribute, expected: "a body's inertia: positive definite, each moment at most the sum of the other two")
        }
        return MassProperties(mass: mass, center: .zero, inertia: inertia).transformed(by: try ownPose(a))
    }

    /// Whether `body`'s geoms are left out of its mass: it has an `<inertial>` (and
    /// `inertiafromgeom` is not true), or `inertiafromgeom` is false.
    func massFromInertial(_ body: Int) -> Bool {
        inertials[body] != nil && inertiaSource != .true || inertiaSource == .false
    }

    /// A body's own mass properties as MuJoCo's compiler gives them: its geoms' (those in
    /// `inertiagrouprange`, mesh geoms included) unless `massFromInertial`, else, or when they
    /// weigh nothing (`mjEPS` or less), its `<inertial>`. A body with neither has no mass,
    /// centred at its own `position` in its parent (before any `<frame>`), where MuJoCo leaves it.
    func ownMass(of body: Int, position: Vector3) -> MassProperties {
        let geomMass = massFromInertial(body) ? .zero : bodies[body].geoms.reduce(meshGeomMasses[body] ?? .zero) { $0 + geoms[$1].massProperties }
        if geomMass.mass > Model.epsilon { return geomMass }
        return inertials[body] ?? MassProperties(mass: 0, center: position, inertia: .diagonal(.zero))
    }

    /// MuJoCo's `boundmass`: a moving body lighter than it is made that heavy (inertia unchanged).
    mutating func applyBoundMass() {
        for index in bodies.indices.dropFirst() where bodies[index].massProperties.mass < boundMass {
            bodies[index].massProperties.mass = boundMass
        }
    }

    /// MuJoCo's `settotalmass`: scales every body's mass and inertia (and the geoms' densities)
    /// so that they weigh `total` together.
    mutating func scaleMasses(to total: Double) {
        let current = bodies.reduce(0) { $0 + $1.massProperties.mass }
        guard current > 0 else { return }
        let factor = total / current
        for index in geoms.indices { geoms[index].density *= factor }
        for index in bodies.indices.dropFirst() {
            bodies[index].massProperties.mass *= factor
            bodies[index].massProperties.inertia = factor * bodies[index].massProperties.inertia
        }
    }
}
