import GaitPhysics
import GaitRuns

/// A model as Gait compiled it, for `gait model --json`: every body's mass properties in its own
/// frame, every geom's shape, pose and contact settings, every joint's axis and range, every actuator's transmission, gain and ranges (SI units,
/// radians), and the loader's notices. The fields follow MuJoCo's `mjModel` where one exists.
struct CompiledModel: Encodable {
    struct Body: Encodable {
        var name: String
        var parent: Int?
        /// The body frame in the parent's frame (MuJoCo's body_pos, body_quat).
        var pos: [Double]
        var quat: [Double]
        var mass: Double
        /// The centre of mass in the body frame (body_ipos).
        var center: [Double]
        /// The inertia tensor about the centre of mass in the body frame's axes, row by row.
        var inertia: [Double]
        /// How easily the body moves in the reference configuration: translational, rotational (body_invweight0).
        var invweight: [Double]
    }

    struct Joint: Encodable {
        var name: String
        var type: String
        var body: Int
        var pos: [Double]
        var axis: [Double]
        var range: [Double]?
        var damping: Double
        var stiffness: Double
        var armature: Double
        /// The actuators' total force on the joint is clamped to it (MuJoCo's jnt_actfrcrange when jnt_actfrclimited).
        var actfrcrange: [Double]?
        var ref: Double
        var springref: Double
    }

    struct Actuator: Encodable {
        var name: String
        /// The driven joint, or nil for a tendon.
        var joint: Int?
        /// The driven fixed tendon's name, or nil for a joint.
        var tendon: String?
        /// A tendon's joints and coefficients, as [joint, coefficient] pairs (those with coefficient 0 left out).
        var transmission: [[Double]]?
        var gear: Double
        var ctrlrange: [Double]?
        var forcerange: [Double]?
        var gain: Double
        /// The bias's constant, length and velocity terms (MuJoCo's biasprm[0...2]).
        var bias: [Double]
        /// Activation dynamics (MuJoCo's dyntype: integrator, filter or filterexact), nil for none.
        var dyntype: String?
        /// A filter's time constant (MuJoCo's dynprm[0]).
        var timeconst: Double?
        var actrange: [Double]?
        var actearly: Bool?
    }

    struct Site: Encodable {
        var name: String
        var body: Int
        var pos: [Double]
        var quat: [Double]
        /// The site's three sizes (MuJoCo's site_size).
        var size: [Double]
    }

    /// A geom that collides or has mass (Gait leaves out the visual-only mesh geoms).
    struct Geom: Encodable {
        var name: String
        var body: Int
        /// sphere, capsule, cylinder, box, ellipsoid, plane, hfield or mesh (MuJoCo's geom_type).
        var type: String
        /// The sizes the shape uses, as MuJoCo's geom_size holds them: a radius, then a
        /// half-length (capsule, cylinder), or three half extents or radii (box, ellipsoid); nil
        /// for a plane, height field or mesh, which Gait keeps unbounded, in its height field or
        /// as its hull.
        var size: [Double]?
        /// A mesh's convex hull, which it collides as: its corners (x, y, z each) in the geom's frame.
        var hull: [[Double]]?
        /// The geom's frame in its body's: for a mesh, where the geom places the mesh's own frame
        /// (MuJoCo moves it to the mesh's centre of mass and principal axes; the hull is the same).
        var pos: [Double]
        var quat: [Double]
        /// Sliding friction (MuJoCo's geom_friction[0]).
        var friction: Double
        var contype: UInt32
        var conaffinity: UInt32
        var condim: Int
        /// Its contacts' softness (MuJoCo's geom_solref, geom_solimp).
        var solref: [Double]
        var solimp: [Double]
    }

    /// An explicit contact pair (MuJoCo's `<contact><pair>`).
    struct Pair: Encodable {
        var name: String
        var geom1: Int
        var geom2: Int
        /// Sliding friction along the contact's two tangents (MuJoCo's pair_friction[0] and [1]).
        var friction: [Double]
        var condim: Int
        var solref: [Double]
        var solimp: [Double]
    }

    struct Equality: Encodable {
        var name: String
        /// connect, weld or coupling (MuJoCo's joint and tendon equalities).
        var type: String
        /// The two bodies (a coupling's turn is the second's relative to the first).
        var bodies: [Int]
        /// A coupling's inverse weight in the sum's units (MuJoCo's tendon_invweight0 or dof_invweight0, added).
        var weight: Double?
    }

    /// A tendon that acts: a fixed tendon's spring or a spatial tendon's limit.
    struct Tendon: Encodable {
        var name: String
        /// fixed (a spring) or spatial (a limit).
        var type: String
        var stiffness: Double?
        var springlength: [Double]?
        var range: [Double]?
        var margin: Double?
        /// A limit's inverse weight (MuJoCo's tendon_invweight0).
        var weight: Double?
    }

    struct Keyframe: Encodable {
        var name: String
        var qpos: [Double]
        var qvel: [Double]
        var ctrl: [Double]
    }

    var name: String
    var timestep: Double
    var gravity: [Double]
    var nq: Int
    var nv: Int
    /// Per degree of freedom: how easily it moves in the reference configuration (dof_invweight0).
    var dof_invweight: [Double]
    var bodies: [Body]
    var joints: [Joint]
    var actuators: [Actuator]
    var sites: [Site]
    var geoms: [Geom]
    var pairs: [Pair]
    var equalities: [Equality]
    var tendons: [Tendon]
    var keyframes: [Keyframe]
    var notices: [String]

    init(_ model: Model) {
        func array(_ v: Vector3) -> [Double] { [v.x, v.y, v.z] }
        func array(_ q: Quaternion) -> [Double] { [q.w, q.x, q.y, q.z] }
        func array(_ r: ClosedRange<Double>?) -> [Double]? { r.map { [$0.lowerBound, $0.upperBound] } }
        name = model.name
        timestep = model.timestep
        gravity = array(model.gravity)
        nq = model.positionCount
        nv = model.velocityCount
        dof_invweight = model.inverseWeights.dofs
        bodies = model.bodies.indices.map { index in
            let body = model.bodies[index], m = body.massProperties, i = m.inertia, weight = model.inverseWeights.bodies[index]
            return Body(name: body.name, parent: body.parent, pos: array(body.pose.position), quat: array(body.pose.rotation),
                        mass: m.mass, center: array(m.center), inertia: [i.xx, i.xy, i.xz, i.yx, i.yy, i.yz, i.zx, i.zy, i.zz],
                        invweight: [weight.translation, weight.rotation])
        }
        joints = model.joints.map { joint in
            Joint(name: joint.name, type: joint.kind.rawValue, body: joint.body, pos: array(joint.anchor), axis: array(joint.axis),
                  range: array(joint.range), damping: joint.damping, stiffness: joint.stiffness, armature: joint.armature,
                  actfrcrange: array(joint.actuatorForceRange), ref: joint.reference, springref: joint.springReference)
        }
        actuators = model.actuators.map { actuator in
            Actuator(name: actuator.name, joint: actuator.tendon == nil ? actuator.transmission[0].joint : nil, tendon: actuator.tendon,
                     transmission: actuator.tendon == nil ? nil : actuator.transmission.map { [Double($0.joint), $0.coefficient] },
                     gear: actuator.gear, ctrlrange: array(actuator.controlRange),
                     forcerange: array(actuator.forceRange), gain: actuator.gain,
                     bias: [actuator.biasConstant, actuator.biasPosition, actuator.biasVelocity],
                     dyntype: actuator.dynamics == .none ? nil : actuator.dynamics.name, timeconst: actuator.dynamics.timeConstant,
                     actrange: actuator.dynamics == .none ? nil : array(actuator.activationRange),
                     actearly: actuator.dynamics == .none ? nil : actuator.activatesEarly)
        }
        sites = model.sites.map { Site(name: $0.name, body: $0.body, pos: array($0.pose.position), quat: array($0.pose.rotation), size: $0.size) }
        geoms = model.geoms.map { geom in
            let (type, size): (String, [Double]?) = switch geom.shape {
            case .plane: ("plane", nil)
            case .heightField: ("hfield", nil)
            case .sphere(let radius): ("sphere", [radius])
            case .capsule(let radius, let halfLength): ("capsule", [radius, halfLength])
            case .cylinder(let radius, let halfLength): ("cylinder", [radius, halfLength])
            case .box(let half): ("box", array(half))
            case .ellipsoid(let radii): ("ellipsoid", array(radii))
            case .mesh: ("mesh", nil)
            }
            var hull: [[Double]]?
            if case .mesh(let convex) = geom.shape { hull = convex.corners.map(array) }
            return Geom(name: geom.name, body: geom.body, type: type, size: size, hull: hull, pos: array(geom.pose.position),
                        quat: array(geom.pose.rotation), friction: geom.friction, contype: geom.contype,
                        conaffinity: geom.conaffinity, condim: geom.condim,
                        solref: geom.softness.reference, solimp: geom.softness.impedance)
        }
        pairs = model.contactPairs.map {
            Pair(name: $0.name, geom1: $0.geom1, geom2: $0.geom2, friction: $0.friction, condim: $0.condim,
                 solref: $0.softness.reference, solimp: $0.softness.impedance)
        }
        equalities = model.equalities.map {
            Equality(name: $0.name, type: $0.kind.rawValue, bodies: [$0.bodies.first, $0.bodies.second], weight: $0.coupling?.weight)
        }
        tendons = model.tendonSprings.map {
            Tendon(name: $0.name, type: "fixed", stiffness: $0.stiffness, springlength: array($0.restLengths))
        } + model.tendonLimits.map {
            Tendon(name: $0.name, type: "spatial", range: array($0.range), margin: $0.margin, weight: $0.weight)
        }
        keyframes = model.keyframes.map { Keyframe(name: $0.name, qpos: $0.positions, qvel: $0.velocities, ctrl: $0.controls) }
        notices = model.notices
    }
}
