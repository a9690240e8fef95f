import Foundation
import GaitFoundation

/// An immutable description of a robot and its world, loaded from the MJCF subset.
///
/// A model is a value: load it once and share it; every `Simulation` made from it owns its own
/// mutable physics state (MuJoCo's split of `mjModel` and `mjData`). Everything that follows
/// from the description alone is computed once, when the model is made: coordinate addresses,
/// subtrees and their masses, and how bodies and joints map onto ODE (`layout`, with the
/// damping plan).
public struct Model: Sendable {
    /// The model's name (`<mujoco model="…">`).
    public let name: String
    /// The physics time step in seconds.
    public let timestep: Double
    /// Gravitational acceleration.
    public let gravity: Vector3
    /// The bodies, parents before children; body 0 is the world.
    public let bodies: [Body]
    /// The joints, body by body as MuJoCo orders them (each body's in file order).
    public private(set) var joints: [Joint]
    /// The geoms, body by body as MuJoCo orders them (each body's in file order).
    public let geoms: [Geom]
    /// The actuators, in file order.
    public private(set) var actuators: [Actuator]
    /// The sites (named frames on bodies), body by body as MuJoCo orders them (each body's in file order).
    public let sites: [Site]
    /// The sensors Gait reads, in file order.
    public internal(set) var sensors: [Sensor] = []
    /// The keyframes (named start states), in file order.
    public internal(set) var keyframes: [Keyframe]
    /// What the loader read but does not simulate as written: ignored elements and attributes,
    /// and approximations, one line each (empty for Gait's own robots).
    public internal(set) var notices: [String]
    /// How easily bodies and degrees of freedom move in the reference configuration (MuJoCo's
    /// `body_invweight0`, `dof_invweight0`).
    public private(set) var inverseWeights = InverseWeights(bodies: [], dofs: [])
    /// Parts of the physics the model turns off.
    public internal(set) var switches = Switches()
    /// MuJoCo's `impratio`: the edges of a friction cone are this many times stiffer than its
    /// normal direction alone would make them (1 unless `<option impratio>` says otherwise).
    public internal(set) var impedanceRatio = 1.0
    /// Whether contacts take MuJoCo's elliptic friction cone (`<option cone="elliptic">`) rather
    /// than its pyramidal one.
    public internal(set) var ellipticCone = false
    /// The medium the bodies move through: none unless `<option density/viscosity>` say otherwise.
    public internal(set) var fluid = Fluid()
    /// Whether servos' velocity terms (kv) are integrated implicitly, as MuJoCo's `implicit` and
    /// `implicitfast` integrators take them (its Euler and RK4 apply them as explicit forces).
    public let implicitServoVelocity: Bool
    /// Pairs of bodies whose geoms never collide (MuJoCo's `<contact><exclude>`), lower index first.
    public internal(set) var excludedContacts: [BodyPair] = []
    /// Geom pairs that touch with settings of their own (MuJoCo's `<contact><pair>`), in file order.
    public internal(set) var contactPairs: [ContactPair] = []
    /// The springs on fixed tendons, in file order.
    public internal(set) var tendonSprings: [TendonSpring] = []
    /// The limits on spatial tendons between two sites, in file order.
    public internal(set) var tendonLimits: [TendonLimit] = []
    /// The equality constraints (connect, weld and couplings), in file order.
    public internal(set) var equalities: [Equality] = []
    /// The files the model file reads besides itself, each once, symbolic links resolved: the
    /// files it `<include>`s, then height-field and mesh data. All lie in the model file's folder or below it.
    public internal(set) var referencedFiles: [URL] = []

    /// Where each joint's coordinates start in a generalized position vector (MuJoCo's jnt_qposadr).
    public let positionOffsets: [Int]
    /// Where each joint's coordinates start in a generalized velocity vector (MuJoCo's jnt_dofadr).
    public let velocityOffsets: [Int]
    /// The number of generalized position coordinates (MuJoCo's nq).
    public let positionCount: Int
    /// The number of generalized velocity coordinates (MuJoCo's nv).
    public let velocityCount: Int
    /// Per body: the bodies of its subtree (itself and everything below it), in body order.
    public let subtrees: [[Int]]
    /// Per body: the total mass of its subtree (MuJoCo's body_subtreemass).
    public let subtreeMasses: [Double]
    /// How bodies and joints map onto ODE's rigid bodies and joints, and which joints are damped
    /// through the solver.
    private(set) var layout: BodyLayout

    /// Creates a model from its parts (the loader checks them; this does not) and compiles it.
    init(name: String, timestep: Double, gravity: Vector3, bodies: [Body], joints: [Joint], geoms: [Geom],
         actuators: [Actuator], sites: [Site] = [], keyframes: [Keyframe] = [], notices: [String] = [],
         implicitServoVelocity: Bool = false) {
        self.name = name
        self.timestep = timestep
        self.gravity = gravity
        self.bodies = bodies
        self.joints = joints
        self.geoms = geoms
        self.actuators = actuators
        self.sites = sites
        self.keyframes = keyframes
        self.notices = notices
        self.implicitServoVelocity = implicitServoVelocity
        var positionOffsets: [Int] = [], velocityOffsets: [Int] = []
        var positions = 0, velocities = 0
        for joint in joints {
            positionOffsets.append(positions)
            velocityOffsets.append(velocities)
            positions += joint.positionCount
            velocities += joint.velocityCount
        }
        self.positionOffsets = positionOffsets
        self.velocityOffsets = velocityOffsets
        positionCount = positions
        velocityCount = velocities
        let subtrees = bodies.indices.map { ancestor in
            bodies.indices.filter { Self.isInSubtree($0, of: ancestor, bodies: bodies) }
        }
        self.subtrees = subtrees
        subtreeMasses = subtrees.map { members in members.reduce(0) { $0 + bodies[$1].massProperties.mass } }
        layout = .empty
        inverseWeights = InverseWeights(model: self, positions: referencePositions)
        for index in joints.indices { setSpringDamper(index) }
        for index in actuators.indices { dampServo(index) }
        layout = BodyLayout(model: self, reference: kinematics(positions: referencePositions).bodies)
    }

    /// Gives joint `index`, when it has a `springDamper`, the stiffness and damping it asks for
    /// (MuJoCo's, from the joint's degrees of freedom's inverse weights).
    private mutating func setSpringDamper(_ index: Int) {
        let joint = joints[index]
        guard let springDamper = joint.springDamper else { return }
        let offset = velocityOffsets[index]
        let weights = inverseWeights.dofs[offset..<offset + joint.velocityCount]
        (joints[index].stiffness, joints[index].damping) = springDamper.stiffnessAndDamping(inverseWeights: weights)
    }

    /// Gives actuator `index`, when it has a damping ratio ζ, MuJoCo's kv = 2ζ·√(kp·m), where m
    /// is the mass its transmission moves in the reference configuration, 1 / (J·M⁻¹·Jᵀ): a
    /// critically damped servo at ζ = 1.
    private mutating func dampServo(_ index: Int) {
        let actuator = actuators[index]
        guard let ratio = actuator.dampingRatio else { return }
        let weight = transmissionWeight(index)
        actuators[index].biasVelocity = weight > 0 ? -2 * ratio * (actuator.gain / weight).squareRoot() : 0
    }

    /// How hard actuator `index`'s velocity term (kv) damps what it moves in one step: kv·h/m, m
    /// the mass its transmission moves in the reference configuration. Applied as an explicit
    /// force, as here (and in MuJoCo's Euler integrator; its implicit ones are stable at any kv),
    /// it overshoots above 2, and the motion grows without bound.
    func servoDampingPerStep(_ index: Int) -> Double {
        -actuators[index].biasVelocity * timestep * transmissionWeight(index)
    }

    /// The joint actuator `index` damps implicitly, when it does: with `implicitServoVelocity`, a
    /// servo with a velocity term (kv) on one hinge or slide that is a rotor row of the solver
    /// (`BodyLayout.hasRotor`). One with a force range does so only in the steps its force is
    /// within that range, as MuJoCo leaves a clamped actuator's velocity term out of its implicit step.
    func implicitlyDampedJoint(ofActuator index: Int) -> Int? {
        guard let joint = implicitServoJoint(index), layout.rotors[joint] else { return nil }
        return joint
    }

    /// The damping servos add to joint `index` through the solver: Σ kv·(gear·coefficient)² over
    /// the servos that may damp it implicitly (`implicitlyDampedJoint(ofActuator:)`, rotor row
    /// aside); without `forceLimited`, over those without a force range alone, which damp it in every step.
    func implicitServoDamping(ofJoint index: Int, forceLimited: Bool = true) -> Double {
        actuators.indices.reduce(0) { total, actuator in
            guard implicitServoJoint(actuator) == index, forceLimited || actuators[actuator].forceRange == nil else { return total }
            return total + implicitServoDamping(ofActuator: actuator)
        }
    }

    /// kv·(gear·coefficient)²: the damping actuator `index` adds to its joint when taken implicitly.
    func implicitServoDamping(ofActuator index: Int) -> Double {
        let reach = actuators[index].gear * actuators[index].transmission[0].coefficient
        return -actuators[index].biasVelocity * reach * reach
    }

    /// The joint of actuator `index` when its velocity term may be taken implicitly, a rotor row aside.
    private func implicitServoJoint(_ index: Int) -> Int? {
        let actuator = actuators[index]
        guard implicitServoVelocity, actuator.biasVelocity < 0, actuator.transmission.count == 1 else { return nil }
        let joint = actuator.transmission[0].joint
        return joints[joint].kind == .hinge || joints[joint].kind == .slide ? joint : nil
    }

    /// 1/m for actuator `index`: m the mass its transmission moves in the reference configuration (J·M⁻¹·Jᵀ).
    private func transmissionWeight(_ index: Int) -> Double {
        let actuator = actuators[index]
        return inverseWeights.weight(of: actuator.transmission.map { (velocityOffsets[$0.joint], actuator.gear * $0.coefficient) })
    }

    /// Loads a model from MJCF text; `source` names it in error messages.
    /// An `<include>` needs a file to resolve against: use `init(contentsOf:)` for such models.
    public init(mjcf text: String, source: String = "<string>") throws(ModelError) {
        var loader = MJCFLoader(source: source)
        self = try loader.load(try XMLElementNode.parse(text, source: source), file: nil)
    }

    /// The largest model file Gait reads, in bytes.
    public static let maximumFileSize = 10_000_000

    /// MuJoCo's smallest meaningful value (`mjMINVAL`): masses, lengths and denominators below it
    /// count as zero.
    static let smallestValue = 1e-15

    /// MuJoCo's `mjEPS`: below it a direction component or a body's geom mass counts as none.
    static let epsilon = 1e-14

    /// Loads a model from an MJCF file.
    public init(contentsOf url: URL) throws(ModelError) {
        let text: String
        do {
            text = try InputFile.text(url, limit: Self.maximumFileSize)
        } catch .tooLarge(let size, _) {
            throw ModelError(source: url.lastPathComponent, line: 0, reason: .tooLarge("\(size) bytes"))
        } catch {
            throw ModelError(source: url.path, line: 0, reason: .unreadable(error.description))
        }
        var loader = MJCFLoader(source: url.lastPathComponent)
        self = try loader.load(try XMLElementNode.parse(text, source: url.lastPathComponent),
                               file: url.standardizedFileURL.resolvingSymlinksInPath())
    }

    /// The index of the body with this name.
    public func body(named name: String) -> Int? { bodies.firstIndex { $0.name == name } }
    /// The index of the joint with this name.
    public func joint(named name: String) -> Int? { joints.firstIndex { $0.name == name } }
    /// The index of the geom with this name.
    public func geom(named name: String) -> Int? { geoms.firstIndex { $0.name == name } }
    /// The index of the actuator with this name.
    public func actuator(named name: String) -> Int? { actuators.firstIndex { $0.name == name } }
    /// The index of the sensor with this name.
    public func sensor(named name: String) -> Int? { sensors.firstIndex { $0.name == name } }
    /// The index of the site with this name.
    public func site(named name: String) -> Int? { sites.firstIndex { $0.name == name } }
    /// The keyframe with this name.
    public func keyframe(named name: String) -> Keyframe? { keyframes.first { $0.name == name } }
    /// What to say when no keyframe is named `name`: that, and which names there are.
    public func missingKeyframe(_ name: String) -> String {
        let names = keyframes.map(\.name).filter { !$0.isEmpty }
        return "the model has no keyframe '\(name)'; " + (names.isEmpty ? "it has no named keyframes (<key name=...>)" : "use one of \(names.joined(separator: ", "))")
    }

    /// True when `body` is `ancestor` or lies below it in the tree.
    public func isInSubtree(_ body: Int, of ancestor: Int) -> Bool { Self.isInSubtree(body, of: ancestor, bodies: bodies) }

    private static func isInSubtree(_ body: Int, of ancestor: Int, bodies: [Body]) -> Bool {
        var current: Int? = body
        while let index = current {
            if index == ancestor { return true }
            current = bodies[index].parent
        }
        return false
    }

    /// The total mass of all bodies.
    public var totalMass: Double { bodies.reduce(0) { $0 + $1.massProperties.mass } }

    /// True when the model is planar: a root body with slide x, slide z and hinge y (in that role
    /// order, hinge last) keeps every body in the x-z plane.
    public var isPlanar: Bool {
        bodies.contains { $0.parent == 0 && Model.isPlanarRoot(body: $0, joints: joints) }
    }

    /// Whether a joint takes generalized forces of its own (actuators, tendon springs, couplings
    /// held in joint space): a hinge or a slide, not one of a planar root's.
    static func takesForces(_ joint: Joint, bodies: [Body], joints: [Joint]) -> Bool {
        (joint.kind == .hinge || joint.kind == .slide) && !isPlanarRoot(body: bodies[joint.body], joints: joints)
    }

    /// Whether a body's joints form the planar root arrangement.
    static func isPlanarRoot(body: Body, joints: [Joint]) -> Bool {
        guard body.parent == 0, body.joints.count == 3, body.pose.rotation == .identity else { return false }
        let list = body.joints.map { joints[$0] }
        let slides = list.prefix(2)
        guard slides.allSatisfy({ $0.kind == .slide }), list[2].kind == .hinge,
              abs(list[2].axis.y) == 1 else { return false }
        let axes = Set(slides.map { [$0.axis.x, $0.axis.y, $0.axis.z] })
        return axes == [[1, 0, 0], [0, 0, 1]]
    }
}

extension Model {
    /// This model with `other`'s loader settings: referenced files, switches, fluid, tendon springs and limits, exclusions, equality
    /// constraints, contacts and sensors.
    private func withSettingsOf(_ other: Model) -> Model {
        var copy = self
        copy.referencedFiles = other.referencedFiles
        copy.switches = other.switches
        copy.impedanceRatio = other.impedanceRatio
        copy.ellipticCone = other.ellipticCone
        copy.fluid = other.fluid
        copy.tendonSprings = other.tendonSprings.map { spring in
            var copy = spring
            copy.terms = spring.terms.map { $0 }
            return copy
        }
        copy.tendonLimits = other.tendonLimits.map { limit in
            var copy = limit
            copy.sites = limit.sites.map { $0 }
            return copy
        }
        copy.excludedContacts = other.excludedContacts
        copy.contactPairs = other.contactPairs
        copy.equalities = other.equalities
        copy.sensors = other.sensors
        return copy
    }

    /// A copy that shares no storage with this one. Simulations stepping on different threads
    /// each read their own copy: touching one shared array from two cores makes its reference
    /// count bounce between them and slows both down.
    func independentCopy() -> Model {
        Model(name: String(name.utf8), timestep: timestep, gravity: gravity,
              bodies: bodies.map { body in
                  var copy = body
                  copy.name = String(body.name.utf8)
                  copy.joints = body.joints.map { $0 }
                  copy.geoms = body.geoms.map { $0 }
                  return copy
              },
              joints: joints.map { $0 }, geoms: geoms.map { $0 }, actuators: actuators.map { $0 }, sites: sites.map { $0 },
              keyframes: keyframes, notices: notices, implicitServoVelocity: implicitServoVelocity)
            .withSettingsOf(self)
    }
}
