/// Turns the MJCF subset into a `Model`: resolves default classes, converts angles, computes mass
/// properties and checks that every joint arrangement is one the ODE layer can simulate.
struct MJCFLoader {
    /// Elements and attributes that only affect rendering; they are skipped.
    static let visualElements: Set<String> = ["light", "camera", "site", "asset", "material", "texture", "visual", "statistic"]
    static let visualAttributes: Set<String> = ["rgba", "material", "group"]

    static let allowed: [String: Set<String>] = [
        "mujoco": ["model"],
        "compiler": ["angle", "settotalmass"],
        "option": ["timestep", "gravity"],
        "default": ["class"],
        "worldbody": [],
        "body": ["name", "pos", "quat", "euler", "childclass"],
        "geom": ["name", "class", "type", "size", "fromto", "pos", "quat", "euler", "density", "mass",
                 "friction", "contype", "conaffinity", "condim"],
        "joint": ["name", "class", "type", "pos", "axis", "range", "limited", "damping", "stiffness", "ref",
                  "armature"],
        "freejoint": ["name"],
        "actuator": [],
        "motor": ["name", "class", "joint", "gear", "ctrlrange", "ctrllimited"],
    ]

    /// The attribute sets a default class holds for each element kind.
    typealias DefaultClass = [String: [String: MJCFAttributes.Value]]

    let source: String
    var name = ""
    var angleScale = Double.pi / 180
    var totalMass: Double?
    var timestep = 0.002
    var gravity = Vector3(0, 0, -9.81)
    var defaults: [String: DefaultClass] = [:]
    var bodies = [Model.Body(name: "world", parent: nil, pose: .identity, joints: [], geoms: [], massProperties: .zero)]
    var joints: [Model.Joint] = []
    var geoms: [Model.Geom] = []
    var actuators: [Model.Actuator] = []

    init(source: String) { self.source = source }

    mutating func load(_ text: String) throws(ModelError) -> Model {
        let root = try XMLElementNode.parse(text, source: source)
        guard root.name == "mujoco" else { throw error(root.line, .unknownElement(root.name)) }
        name = try attributes(root, className: nil).text("model") ?? ""
        defaults["main"] = [:]
        for child in root.children where child.name == "default" {
            try readDefault(child, parent: [:], isTop: true)
        }
        for child in root.children {
            switch child.name {
            case "compiler": try readCompiler(child)
            case "option": try readOption(child)
            case "default", "worldbody", "actuator": continue
            case let other where Self.visualElements.contains(other): continue
            default: throw error(child.line, .unknownElement(child.name))
            }
        }
        for child in root.children where child.name == "worldbody" { try readWorldbody(child) }
        if let totalMass { scaleMasses(to: totalMass) }
        for child in root.children where child.name == "actuator" { try readActuators(child) }
        try checkUniqueNames()
        return Model(name: name, timestep: timestep, gravity: gravity, bodies: bodies, joints: joints,
                     geoms: geoms, actuators: actuators)
    }

    // MARK: - Attributes and classes

    func error(_ line: Int, _ reason: ModelError.Reason) -> ModelError {
        ModelError(source: source, line: line, reason: reason)
    }

    /// Checks an element's attribute names and returns them with its class defaults applied.
    func attributes(_ element: XMLElementNode, className: String?) throws(ModelError) -> MJCFAttributes {
        guard let allowed = Self.allowed[element.name] else { throw error(element.line, .unknownElement(element.name)) }
        var values: [String: MJCFAttributes.Value] = [:]
        if let className {
            guard let defaultClass = defaults[className] else { throw error(element.line, .unknownClass(className)) }
            values = defaultClass[element.name] ?? [:]
        }
        for key in element.attributes.keys.sorted() where !Self.visualAttributes.contains(key) {
            guard allowed.contains(key) else {
                throw error(element.line, .unknownAttribute(element: element.name, attribute: key))
            }
            values[key] = MJCFAttributes.Value(text: element.attributes[key]!, line: element.line)
        }
        return MJCFAttributes(element: element.name, line: element.line, source: source, values: values)
    }

    mutating func readDefault(_ element: XMLElementNode, parent: DefaultClass, isTop: Bool) throws(ModelError) {
        let own = try attributes(element, className: nil)
        let className = own.text("class") ?? (isTop ? "main" : nil)
        guard let className else { throw error(element.line, .missingAttribute(element: "default", attribute: "class")) }
        var resolved = parent
        for child in element.children where child.name != "default" {
            if Self.visualElements.contains(child.name) { continue }
            guard ["joint", "geom", "motor"].contains(child.name) else {
                throw error(child.line, .unknownElement(child.name))
            }
            let values = try attributes(child, className: nil).values.filter { $0.key != "class" }
            resolved[child.name, default: [:]].merge(values) { _, new in new }
        }
        defaults[className] = resolved
        for child in element.children where child.name == "default" {
            try readDefault(child, parent: resolved, isTop: false)
        }
    }

    mutating func readCompiler(_ element: XMLElementNode) throws(ModelError) {
        let a = try attributes(element, className: nil)
        switch a.text("angle") {
        case nil, "degree": angleScale = .pi / 180
        case "radian": angleScale = 1
        default: throw a.invalid("angle", expected: "degree or radian")
        }
        if let mass = try a.number("settotalmass") {
            guard mass > 0 else { throw a.invalid("settotalmass", expected: "a positive mass in kg") }
            totalMass = mass
        }
    }

    /// MuJoCo's `settotalmass`: scales every geom's density, and so every body's mass and
    /// inertia, so that the bodies weigh `total` together.
    mutating func scaleMasses(to total: Double) {
        let current = bodies.reduce(0) { $0 + $1.massProperties.mass }
        guard current > 0 else { return }
        let factor = total / current
        for index in geoms.indices { geoms[index].density *= factor }
        for index in bodies.indices { bodies[index].massProperties = massOfGeoms(of: index) }
    }

    mutating func readOption(_ element: XMLElementNode) throws(ModelError) {
        let a = try attributes(element, className: nil)
        if let step = try a.number("timestep") {
            guard step > 0, step <= 1 else { throw a.invalid("timestep", expected: "a positive number of seconds, at most 1") }
            timestep = step
        }
        gravity = try a.vector("gravity") ?? gravity
    }

    // MARK: - Bodies

    mutating func readWorldbody(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element, className: nil)
        for child in element.children {
            switch child.name {
            case "geom": try readGeom(child, body: 0, childclass: "main")
            case "body": try readBody(child, parent: 0, childclass: "main")
            case "joint", "freejoint":
                throw error(child.line, .unsupported("the world body cannot have joints; put them in a <body>"))
            case let other where Self.visualElements.contains(other): continue
            default: throw error(child.line, .unknownElement(child.name))
            }
        }
    }

    mutating func readBody(_ element: XMLElementNode, parent: Int, childclass inherited: String) throws(ModelError) {
        let a = try attributes(element, className: nil)
        let childclass = a.text("childclass") ?? inherited
        guard defaults[childclass] != nil else { throw error(element.line, .unknownClass(childclass)) }
        let pose = Pose(position: try a.vector("pos") ?? .zero, rotation: try a.orientation(angleScale: angleScale))
        let index = bodies.count
        bodies.append(Model.Body(name: a.text("name") ?? "", parent: parent, pose: pose, joints: [], geoms: [],
                                 massProperties: .zero))
        for child in element.children {
            switch child.name {
            case "joint", "freejoint": try readJoint(child, body: index, childclass: childclass)
            case "geom": try readGeom(child, body: index, childclass: childclass)
            case "body": try readBody(child, parent: index, childclass: childclass)
            case let other where Self.visualElements.contains(other): continue
            default: throw error(child.line, .unknownElement(child.name))
            }
        }
        bodies[index].massProperties = massOfGeoms(of: index)
        try checkJoints(of: index, line: element.line)
    }

    /// A body's own mass properties: those of its geoms together.
    func massOfGeoms(of body: Int) -> MassProperties {
        bodies[body].geoms.reduce(.zero) { $0 + geoms[$1].massProperties }
    }

    mutating func readGeom(_ element: XMLElementNode, body: Int, childclass: String) throws(ModelError) {
        let a = try attributes(element, className: element.attributes["class"] ?? childclass)
        let typeName = a.text("type") ?? "sphere"
        var pose = Pose(position: try a.vector("pos") ?? .zero, rotation: try a.orientation(angleScale: angleScale))
        let shape: Model.Geom.Shape
        switch typeName {
        case "plane":
            guard body == 0 else {
                throw error(element.line, .unsupported("a plane can only belong to the world body"))
            }
            shape = .plane
        case "sphere":
            let size = try a.numbers("size", counts: [1, 2, 3]) ?? [0]
            shape = .sphere(radius: size[0])
        case "box":
            guard let size = try a.vector("size") else { throw a.invalid("size", expected: "3 half extents") }
            shape = .box(halfExtents: size)
        case "capsule", "cylinder":
            let size = try a.numbers("size", counts: [1, 2, 3]) ?? []
            var halfLength = size.count > 1 ? size[1] : 0
            if let ends = try a.numbers("fromto", counts: [6]) {
                let from = Vector3(ends[0], ends[1], ends[2]), to = Vector3(ends[3], ends[4], ends[5])
                guard (to - from).length > 0 else { throw a.invalid("fromto", expected: "two distinct points") }
                halfLength = (to - from).length / 2
                pose = Pose(position: (from + to) / 2, rotation: Quaternion(rotatingZOnto: to - from))
            } else if size.count < 2 {
                throw a.invalid("size", expected: "radius and half-length (or a fromto)")
            }
            let radius = size.first ?? 0
            shape = typeName == "capsule" ? .capsule(radius: radius, halfLength: halfLength)
                : .cylinder(radius: radius, halfLength: halfLength)
        default:
            throw error(element.line, .unknownGeomType(typeName))
        }
        let dimensions: [Double] = switch shape {
        case .plane: [1]
        case .sphere(let radius): [radius]
        case .capsule(let radius, let halfLength): [radius, halfLength + radius]
        case .cylinder(let radius, let halfLength): [radius, halfLength]
        case .box(let half): [half.x, half.y, half.z]
        }
        guard dimensions.allSatisfy({ $0 > 0 }) else { throw a.invalid("size", expected: "positive dimensions") }
        var density = try a.number("density") ?? 1000
        if let mass = try a.number("mass") {
            guard mass >= 0 else { throw a.invalid("mass", expected: "a non-negative mass in kg") }
            density = shape.volume > 0 ? mass / shape.volume : 0
        }
        guard density >= 0 else { throw a.invalid("density", expected: "a non-negative density in kg/m³") }
        let friction = try a.numbers("friction", counts: [1, 2, 3])?[0] ?? 1
        guard friction >= 0 else { throw a.invalid("friction", expected: "a non-negative coefficient") }
        let condim = try a.number("condim") ?? 3
        guard condim == 1 || condim == 3 else {
            throw a.invalid("condim", expected: "1 (frictionless) or 3 (sliding friction); torsional and rolling friction are not supported")
        }
        geoms.append(Model.Geom(
            name: a.text("name") ?? "", body: body, shape: shape, pose: pose, friction: friction,
            contype: try a.bits("contype") ?? 1, conaffinity: try a.bits("conaffinity") ?? 1,
            condim: Int(condim), density: density))
        bodies[body].geoms.append(geoms.count - 1)
    }

    mutating func readJoint(_ element: XMLElementNode, body: Int, childclass: String) throws(ModelError) {
        let isFreeElement = element.name == "freejoint"
        let a = try attributes(element, className: isFreeElement ? nil : element.attributes["class"] ?? childclass)
        let typeName = isFreeElement ? "free" : a.text("type") ?? "hinge"
        guard let kind = Model.Joint.Kind(rawValue: typeName) else {
            throw error(element.line, .unknownJointType(typeName))
        }
        let scale = kind == .hinge ? angleScale : 1
        let axis = try a.vector("axis") ?? Vector3(0, 0, 1)
        guard axis.length > 0 else { throw a.invalid("axis", expected: "a non-zero direction") }
        var range = try a.range("range", scale: scale)
        if try a.flag("limited") == false { range = nil }
        if try a.flag("limited") == true, range == nil {
            throw error(element.line, .missingAttribute(element: "joint", attribute: "range"))
        }
        let damping = try a.number("damping") ?? 0
        let stiffness = try a.number("stiffness") ?? 0
        let armature = try a.number("armature") ?? 0
        guard damping >= 0 else { throw a.invalid("damping", expected: "a non-negative number") }
        guard stiffness >= 0 else { throw a.invalid("stiffness", expected: "a non-negative number") }
        guard armature >= 0 else { throw a.invalid("armature", expected: "a non-negative inertia") }
        guard armature == 0 || kind == .hinge || kind == .ball else {
            throw error(element.line, .unsupported("armature on a \(typeName) joint; only hinges and ball joints take armature"))
        }
        if kind == .ball {
            guard range == nil else { throw error(element.line, .unsupported("ball joint limits (a cone) are not supported; remove range or set limited=\"false\"")) }
            guard stiffness == 0 else { throw error(element.line, .unsupported("a ball joint cannot have stiffness")) }
        }
        joints.append(Model.Joint(
            name: a.text("name") ?? "", kind: kind, body: body, anchor: try a.vector("pos") ?? .zero,
            axis: axis / axis.length, range: range, damping: damping, stiffness: stiffness,
            reference: (try a.number("ref") ?? 0) * scale, armature: armature))
        bodies[body].joints.append(joints.count - 1)
        if kind == .hinge, let range, let reference = joints.last?.reference,
           range.lowerBound - reference < -.pi || range.upperBound - reference > .pi {
            throw a.invalid("range", expected: "limits within ±180° of the reference angle")
        }
    }

    /// A body carries a free joint (directly in <worldbody>), a ball joint, or a sequence of hinges
    /// and slides; the planar root (slide x, slide z, hinge y) is such a sequence without limits,
    /// damping or stiffness.
    func checkJoints(of index: Int, line: Int) throws(ModelError) {
        let body = bodies[index]
        let kinds = body.joints.map { joints[$0].kind }
        let name = body.name.isEmpty ? "#\(index)" : "'\(body.name)'"
        if body.joints.isEmpty { return }
        guard body.massProperties.mass > 0 else {
            throw error(line, .unsupported("body \(name) moves but has no mass; give it a geom with positive density or mass"))
        }
        if kinds.contains(.free) || kinds.contains(.ball) {
            guard kinds.count == 1 else {
                throw error(line, .unsupported("body \(name): a free or ball joint must be the body's only joint; hinges and slides may be combined in any order"))
            }
            guard kinds != [.free] || body.parent == 0 else {
                throw error(line, .unsupported("body \(name): a free joint is only allowed on a body directly in <worldbody>"))
            }
            return
        }
        guard Model.isPlanarRoot(body: body, joints: joints) else { return }
        for joint in body.joints.map({ joints[$0] }) where joint.range != nil || joint.damping != 0 || joint.stiffness != 0
            || joint.armature != 0 {
            throw error(line, .unsupported("body \(name): the planar root joints cannot have limits, damping, stiffness or armature"))
        }
    }

    // MARK: - Actuators and names

    mutating func readActuators(_ element: XMLElementNode) throws(ModelError) {
        _ = try attributes(element, className: nil)
        for child in element.children {
            if Self.visualElements.contains(child.name) { continue }
            guard child.name == "motor" else { throw error(child.line, .unknownElement(child.name)) }
            let a = try attributes(child, className: child.attributes["class"] ?? "main")
            let jointName = try a.required("joint")
            let actuatorName = a.text("name") ?? ""
            guard let joint = joints.firstIndex(where: { $0.name == jointName }) else {
                throw error(child.line, .missingJoint(actuator: actuatorName.isEmpty ? "#\(actuators.count)" : actuatorName,
                                                       joint: jointName))
            }
            let body = bodies[joints[joint].body]
            guard [.hinge, .slide].contains(joints[joint].kind), !Model.isPlanarRoot(body: body, joints: joints) else {
                throw error(child.line, .unsupported("motor on joint '\(jointName)': only hinges and slides (not free, ball or planar root joints) can be driven"))
            }
            var range = try a.range("ctrlrange", scale: 1)
            if try a.flag("ctrllimited") == false { range = nil }
            actuators.append(Model.Actuator(
                name: actuatorName, joint: joint, gear: try a.numbers("gear", counts: Array(1...6))?[0] ?? 1,
                controlRange: range))
        }
    }

    func checkUniqueNames() throws(ModelError) {
        func check(_ kind: String, _ names: [String]) throws(ModelError) {
            var seen = Set<String>()
            for name in names where !name.isEmpty {
                guard seen.insert(name).inserted else { throw error(0, .duplicateName(kind: kind, name: name)) }
            }
        }
        try check("body", bodies.map(\.name))
        try check("joint", joints.map(\.name))
        try check("geom", geoms.map(\.name))
        try check("actuator", actuators.map(\.name))
    }
}
