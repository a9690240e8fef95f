/// What Gait does with each MJCF element and attribute (MuJoCo's XML reference): the one table
/// the loader and the documentation (`ReadingMJCF.md`) follow.
///
/// An attribute is *read* (simulated, or mapped onto ODE with a documented approximation and a
/// notice), *ignored* with a notice (rendering, bookkeeping), or refused: anything not listed
/// here is an error naming the file, line, element and attribute.
enum MJCFSchema {
    /// Attributes that only affect rendering or user bookkeeping, on any element: read and ignored.
    static let ignoredEverywhere: Set<String> = ["rgba", "material", "user", "class"]

    /// Elements ignored whole, with the notice's reason.
    static let ignoredElements: [String: String] = [
        "visual": "rendering", "statistic": "rendering", "light": "rendering", "camera": "rendering",
        "texture": "rendering", "material": "rendering", "skin": "rendering",
        "size": "memory sizes", "custom": "user data",
    ]

    /// Elements Gait cannot simulate, with what to do instead.
    static let refusedElements: [String: String] = [
        "extension": "plugins are not supported",
        "plugin": "plugins are not supported",
        "flexcomp": "flexible bodies (flex) are not supported",
        "deformable": "flexible bodies (flex) are not supported",
        "composite": "composite bodies are not supported",
        "replicate": "<replicate> is not supported; write the copies out",
        "attach": "<attach> (model composition) is not supported",
        "muscle": "muscle actuators are not supported",
        "cylinder": "cylinder (pneumatic) actuators are not supported",
        "adhesion": "adhesion actuators are not supported",
        "damper": "damper actuators are not supported; use joint damping",
        "intvelocity": "intvelocity actuators are not supported",
        "flex": "flexible bodies (flex) are not supported",
    ]

    /// The attributes the loader reads, per element; each is simulated or mapped (see the loader).
    static let read: [String: Set<String>] = [
        "mujoco": ["model"],
        "compiler": ["angle", "coordinate", "eulerseq", "inertiafromgeom", "inertiagrouprange", "settotalmass",
                     "boundmass", "boundinertia", "balanceinertia", "autolimits", "fusestatic", "meshdir", "texturedir",
                     "assetdir", "strippath", "discardvisual", "usethread", "alignfree", "exactmeshinertia"],
        "option": ["timestep", "gravity", "integrator", "iterations", "solver", "cone", "impratio", "tolerance",
                   "ls_iterations", "ls_tolerance", "noslip_iterations", "noslip_tolerance", "ccd_iterations",
                   "ccd_tolerance", "sdf_iterations", "sdf_initpoints", "jacobian", "apirate", "o_margin",
                   "o_solref", "o_solimp", "o_friction", "wind", "magnetic", "density", "viscosity"],
        "flag": [],
        "default": ["class"],
        "worldbody": [],
        "body": ["name", "childclass", "pos", "quat", "axisangle", "euler", "xyaxes", "zaxis", "mocap", "gravcomp"],
        "frame": ["name", "childclass", "pos", "quat", "axisangle", "euler", "xyaxes", "zaxis"],
        "inertial": ["pos", "quat", "axisangle", "euler", "xyaxes", "zaxis", "mass", "diaginertia", "fullinertia"],
        "geom": ["name", "type", "size", "fromto", "pos", "quat", "axisangle", "euler", "xyaxes", "zaxis", "density",
                 "mass", "friction", "contype", "conaffinity", "condim", "group", "priority", "solmix", "solref",
                 "solimp", "margin", "gap", "mesh", "hfield", "fitscale", "fluidshape", "fluidcoef", "shellinertia"],
        "joint": ["name", "type", "group", "pos", "axis", "range", "limited", "damping", "stiffness", "ref",
                  "springref", "armature", "margin", "frictionloss", "solreflimit", "solimplimit", "solreffriction",
                  "solimpfriction", "springdamper", "actuatorfrclimited", "actuatorfrcrange", "actuatorgravcomp"],
        "freejoint": ["name", "group", "align"],
        "site": ["name", "type", "size", "fromto", "pos", "quat", "axisangle", "euler", "xyaxes", "zaxis", "group"],
        "asset": [],
        "mesh": ["name", "file", "scale", "vertex", "face", "refpos", "refquat", "content_type", "inertia", "maxhullvert",
                 "smoothnormal", "normal", "texcoord"],
        "hfield": ["name", "file", "nrow", "ncol", "size", "elevation", "content_type"],
        "contact": [],
        "exclude": ["name", "body1", "body2"],
        "pair": ["name", "class", "geom1", "geom2", "condim", "friction", "solref", "solreffriction", "solimp", "margin", "gap"],
        // <equality> itself takes no attributes; these are its defaults' (<default><equality>).
        "equality": ["active", "solref", "solimp"],
        "connect": ["name", "body1", "body2", "anchor", "site1", "site2", "active", "solref", "solimp"],
        "weld": ["name", "body1", "body2", "relpose", "anchor", "site1", "site2", "torquescale", "active", "solref", "solimp"],
        // <equality><joint> and <equality><tendon>, apart from the elements of those names.
        "equality joint": ["name", "joint1", "joint2", "polycoef", "active", "solref", "solimp"],
        "equality tendon": ["name", "tendon1", "tendon2", "polycoef", "active", "solref", "solimp"],
        "tendon": [],
        "fixed": ["name", "limited", "range", "stiffness", "damping", "springlength", "frictionloss", "margin",
                  "solreflimit", "solimplimit", "solreffriction", "solimpfriction", "group", "width", "armature"],
        "actuator": [],
        "motor": actuatorAttributes,
        "general": actuatorAttributes.union(["gaintype", "gainprm", "biastype", "biasprm", "dyntype", "dynprm",
                                             "actdim", "actlimited", "actrange", "actearly"]),
        "position": actuatorAttributes.union(["kp", "kv", "dampratio", "timeconst", "inheritrange"]),
        "velocity": actuatorAttributes.union(["kv"]),
        "sensor": [],
        "keyframe": [],
        "key": ["name", "time", "qpos", "qvel", "act", "mpos", "mquat", "ctrl"],
    ]

    /// What every actuator kind has.
    static let actuatorAttributes: Set<String> = [
        "name", "group", "joint", "tendon", "site", "body", "jointinparent", "refsite", "cranksite", "slidersite",
        "cranklength", "gear", "ctrllimited", "ctrlrange", "forcelimited", "forcerange", "lengthrange", "actlimited",
        "actrange",
    ]

    /// The sensors Gait reads (each names one object), with the attribute that names it.
    static let sensors: [String: String] = [
        "touch": "site", "accelerometer": "site", "velocimeter": "site", "gyro": "site", "force": "site",
        "torque": "site", "magnetometer": "site", "rangefinder": "site", "framepos": "objname", "framequat": "objname",
        "framexaxis": "objname", "frameyaxis": "objname", "framezaxis": "objname", "framelinvel": "objname",
        "frameangvel": "objname", "framelinacc": "objname", "frameangacc": "objname", "subtreecom": "body",
        "subtreelinvel": "body", "subtreeangmom": "body", "jointpos": "joint", "jointvel": "joint",
        "actuatorpos": "actuator", "actuatorvel": "actuator", "actuatorfrc": "actuator", "jointlimitpos": "joint",
        "jointlimitvel": "joint", "jointlimitfrc": "joint", "jointactuatorfrc": "joint", "tendonpos": "tendon",
        "tendonvel": "tendon",
    ]

    /// The attributes every sensor may have beside the one that names its object.
    static let sensorAttributes: Set<String> = ["name", "noise", "cutoff", "objtype", "reftype", "refname", "nsample",
                                                "interp", "delay", "interval"]
}
