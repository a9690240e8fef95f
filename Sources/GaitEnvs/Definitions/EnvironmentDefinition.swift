import Foundation
import GaitAssets
import GaitCore
import GaitPhysics

/// An environment described by data instead of code (an environment file): an MJCF-subset
/// model, one of the built-in task families (planar: `stand`, `walk`, `run`, `hop`; 3-D:
/// `humanoid`, `getup`, `quadruped`) and its parameters. The families are the same `WalkTask`,
/// `RunTask`, `HopTask`, `HumanoidTask` and `QuadrupedTask` the built-in robots use, named bodies
/// and all; `control_cost` charges c·Σ aᵢ² on top (`ControlCostTask`), `keyframe` starts
/// every episode from one of the model's keyframes (`KeyframeStartTask`), `action_scale`
/// makes actions offsets from that keyframe's controls (`ActionMapping`), and `action_repeat`
/// holds each action for several control steps (`PhysicsEnvironment.actionRepeat`).
public struct EnvironmentDefinition: Sendable {
    /// The task families.
    public enum Family: String, Sendable, CaseIterable {
        case stand, walk, run, hop, humanoid, getup, quadruped

        /// Physics steps per control step unless `substeps` says otherwise.
        public var defaultSubsteps: Int {
            switch self {
            case .stand, .walk: 10
            case .run: 1
            case .hop, .quadruped: 4
            case .humanoid, .getup: 5
            }
        }
    }

    /// Every field an environment file may have.
    public static let fields = ["id", "summary", "model", "task", "torso", "foot", "touch", "head", "extremities",
                                "target_height", "target_speed", "forward", "observe", "keyframe", "reset_noise_scale",
                                "action_scale", "action_repeat", "control_cost", "episode_steps", "substeps", "tags"]

    public var id: String
    public var summary: String
    /// An MJCF file (absolute, or relative to `directory`) or a built-in robot (`walker`, `cheetah`, `hopper`, `humanoid`, `quadruped`).
    public var model: String
    public var family: Family
    /// The body whose height, orientation and speed the task measures.
    public var torso: String
    /// `hop`: the foot body and its touch sensors (or geoms); `quadruped`: the foot geoms (touch).
    public var foot: String?
    public var touch: [String]?
    /// `humanoid`, `getup`: the head and the extremities whose positions the torso observes, each
    /// a body, geom or site.
    public var head: String?
    public var extremities: [String]?
    /// `stand`/`walk`: the torso height counted as standing; `humanoid`/`getup`: the head height;
    /// `hop`: the least torso-above-foot height.
    public var targetHeight: Double?
    /// `walk`, `run`, `hop`, `quadruped`: the forward speed (m/s) that earns the full reward;
    /// `humanoid`: the horizontal speed to move at (0 or none: stand still).
    public var targetSpeed: Double?
    /// `quadruped`: which way counts as forward, the torso's heading (default) or the world's +x.
    public var forward: QuadrupedTask.Forward
    /// Sensors of the model whose readings the observation also holds, after the family's own parts.
    public var observe: [String]
    /// The model's keyframe every episode starts from instead of the family's random start.
    public var keyframe: String?
    /// With `keyframe`: the scale of the random change to the start (Gymnasium's
    /// `reset_noise_scale`; default 0.1).
    public var resetNoiseScale: Double
    /// With `keyframe`: actions move each control at most this far from the keyframe's controls
    /// (MuJoCo Playground's `action_scale`) instead of spanning each control range.
    public var actionScale: Double?
    /// Control steps each action is held for, their rewards summed (dm_control's action repeat).
    public var actionRepeat: Int
    public var controlCost: Double
    /// The agent's steps per episode (default: the family's 1000 control steps ÷ `actionRepeat`,
    /// rounded up, so that an episode lasts as long at any action repeat; a repeat that does not
    /// divide 1000 runs a little longer: 334 steps of 3 are 1002 control steps).
    public var episodeSteps: Int
    /// Physics steps per control step (the family's default when nil).
    public var substeps: Int?
    /// Physics steps per control step: `substeps`, or the family's default.
    public var physicsStepsPerControlStep: Int { substeps ?? family.defaultSubsteps }
    public var tags: [String]
    /// The file the definition came from, for error messages.
    public var source: String
    /// Where relative model paths start.
    public var directory: URL

    /// Reads a definition from a parsed environment file (YAML or JSON). Every problem is an
    /// error naming the file and the field; a file with several is one error listing them all.
    public init(fields: [String: Any], source: String, directory: URL) throws(DefinitionError) {
        self.source = source
        self.directory = directory
        var mistakes: [DefinitionError] = []
        /// The value `read` gives, or `fallback` with its error noted.
        func attempt<T>(_ fallback: T, _ read: () throws(DefinitionError) -> T) -> T {
            do { return try read() } catch {
                mistakes.append(error)
                return fallback
            }
        }
        for key in fields.keys.sorted() where !Self.fields.contains(key) {
            mistakes.append(.unknownField(file: source, field: key, valid: Self.fields))
        }
        let reader = FieldReader(fields: fields, source: source)
        id = attempt("") { () throws(DefinitionError) in
            let id = try reader.string("id")
            guard Self.isValidID(id) else {
                throw .invalidField(file: source, field: "id", reason: "'\(id)' must be lowercase ASCII letters, digits and hyphens, starting with a letter, at most 64 characters")
            }
            return id
        }
        let family: Family? = attempt(nil) { () throws(DefinitionError) in
            let name = try reader.string("task")
            guard let family = Family(rawValue: name) else {
                throw .invalidField(file: source, field: "task", reason: "'\(name)' is not a task family; use one of \(Family.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return family
        }
        self.family = family ?? .stand
        model = attempt("") { () throws(DefinitionError) in try reader.string("model") }
        summary = attempt(nil) { () throws(DefinitionError) in try reader.optionalString("summary") } ?? "\(self.family.rawValue) task on \(model)"
        torso = attempt(nil) { () throws(DefinitionError) in try reader.optionalString("torso") } ?? "torso"
        foot = attempt(nil) { () throws(DefinitionError) in try reader.optionalString("foot") }
        touch = attempt(nil) { () throws(DefinitionError) in try reader.optionalStrings("touch") }
        head = attempt(nil) { () throws(DefinitionError) in try reader.optionalString("head") }
        extremities = attempt(nil) { () throws(DefinitionError) in try reader.optionalStrings("extremities") }
        targetHeight = attempt(nil) { () throws(DefinitionError) in try reader.optionalNumber("target_height", range: 0.01...100) }
        targetSpeed = attempt(nil) { () throws(DefinitionError) in try reader.optionalNumber("target_speed", range: 0...100) }
        forward = attempt(nil) { () throws(DefinitionError) -> QuadrupedTask.Forward? in
            guard let name = try reader.optionalString("forward") else { return nil }
            guard let forward = QuadrupedTask.Forward(rawValue: name) else {
                throw .invalidField(file: source, field: "forward", reason: "'\(name)' is not a direction; use torso (the torso's heading) or world (the world's +x axis)")
            }
            return forward
        } ?? .torso
        observe = attempt(nil) { () throws(DefinitionError) in try reader.optionalStrings("observe") } ?? []
        keyframe = attempt(nil) { () throws(DefinitionError) in try reader.optionalString("keyframe") }
        resetNoiseScale = attempt(nil) { () throws(DefinitionError) in try reader.optionalNumber("reset_noise_scale", range: 0...1) } ?? 0.1
        actionScale = attempt(nil) { () throws(DefinitionError) in try reader.optionalNumber("action_scale", range: 1e-6...1_000) }
        if keyframe == nil && fields["reset_noise_scale"] != nil {
            mistakes.append(.invalidField(file: source, field: "reset_noise_scale", reason: "it shakes the keyframe start: name the model's keyframe in 'keyframe', or remove it"))
        }
        if keyframe == nil && fields["action_scale"] != nil {
            mistakes.append(.invalidField(file: source, field: "action_scale", reason: "actions are offsets from the keyframe's controls: name the model's keyframe in 'keyframe', or remove it"))
        }
        controlCost = attempt(nil) { () throws(DefinitionError) in try reader.optionalNumber("control_cost", range: 0...1_000) } ?? 0
        actionRepeat = attempt(nil) { () throws(DefinitionError) in try reader.optionalCount("action_repeat", range: 1...100) } ?? 1
        episodeSteps = attempt(nil) { () throws(DefinitionError) in try reader.optionalCount("episode_steps", range: 1...1_000_000) }
            ?? (Self.familyEpisodeSteps + actionRepeat - 1) / actionRepeat
        substeps = attempt(nil) { () throws(DefinitionError) in try reader.optionalCount("substeps", range: 1...1_000) }
        tags = attempt(nil) { () throws(DefinitionError) in try reader.optionalTags("tags") } ?? []
        let physicsSteps = episodeSteps * actionRepeat * physicsStepsPerControlStep
        if family != nil, physicsSteps > Self.mostPhysicsStepsPerEpisode {
            mistakes.append(.invalidField(file: source, field: "episode_steps", reason: "an episode of \(episodeSteps) steps × action_repeat \(actionRepeat) × \(physicsStepsPerControlStep) substeps is \(physicsSteps) physics steps; at most \(Self.mostPhysicsStepsPerEpisode) (checking the environment plays whole episodes): shorten it"))
        }
        if let family, let families = Self.builtinRobotFamilies[model], !families.contains(family) {
            let names = families.map(\.rawValue).joined(separator: " or ")
            mistakes.append(.invalidField(file: source, field: "task", reason: "the built-in \(model)'s environments use the task family \(names); '\(family.rawValue)' is written for another robot and would measure the \(model) wrongly (the built-in walker-run is task: walk with target_speed: 8, hopper-stand is task: hop with target_speed: 0). To try it anyway, name a copy of its MJCF file (Assets/robots/\(model).xml in Gait's source) in 'model'"))
        }
        if let family {
            let notApplicable: [String] = switch family {
            case .stand: ["target_speed", "foot", "touch", "head", "extremities", "forward"]
            case .walk: ["foot", "touch", "head", "extremities", "forward"]
            case .run: ["target_height", "foot", "touch", "head", "extremities", "forward"]
            case .hop: ["head", "extremities", "forward"]
            case .humanoid: ["foot", "touch", "forward"]
            case .getup: ["target_speed", "foot", "touch", "forward"]
            case .quadruped: ["target_height", "foot", "head", "extremities"]
            }
            for field in notApplicable where fields[field] != nil {
                mistakes.append(.invalidField(file: source, field: field, reason: "the \(family.rawValue) task has no such parameter"))
            }
        }
        if mistakes.count == 1 { throw mistakes[0] }
        if mistakes.count > 1 { throw .several(file: source, mistakes: mistakes) }
    }

    /// The families each built-in robot's own environments use. The names follow dm_control's
    /// tasks, not its environments, so another family on a built-in robot is refused.
    public static let builtinRobotFamilies: [String: [Family]] = [
        "walker": [.stand, .walk], "cheetah": [.run], "hopper": [.hop], "humanoid": [.humanoid, .getup], "quadruped": [.quadruped],
    ]

    /// The control steps of an episode of every family, as dm_control's tasks last.
    private static let familyEpisodeSteps = 1_000

    /// Whether `id` is an environment id: 1 to 64 lowercase ASCII letters, digits and hyphens,
    /// starting with a letter. Ids become file names, so nothing else (no `/`, `.`, non-ASCII
    /// letters or digits) is allowed.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 64, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The built-in robot `model` names, if it names one (a name without `.xml`).
    private var builtinModel: Model? { model.hasSuffix(".xml") ? nil : BuiltinEnvironments.models[model] }

    /// Where `model` points as a file, relative to `directory`.
    private var modelPath: URL { URL(fileURLWithPath: model, relativeTo: directory).standardizedFileURL }

    /// The model's file, or nil when `model` names a built-in robot.
    public var modelFile: URL? { builtinModel == nil ? modelPath : nil }

    /// The model, loaded from its file or taken from the built-in robots.
    public func loadModel() throws(DefinitionError) -> Model {
        if let builtinModel { return builtinModel }
        let url = modelPath
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .unusableModel(file: source, field: "model", reason: "there is no file '\(url.path)'; give a path to an MJCF file or one of the built-in robots (\(RobotAssets.models.keys.sorted().joined(separator: ", ")))")
        }
        do { return try Model(contentsOf: url) } catch {
            throw .unusableModel(file: source, field: "model", reason: error.description)
        }
    }

    /// The task on `model`; an error names the field whose body or geom the model lacks.
    public func task(on model: Model) throws(DefinitionError) -> any PhysicsTask {
        let task: any PhysicsTask, substeps = physicsStepsPerControlStep
        do {
            switch family {
            case .stand:
                task = try WalkTask(model: model, torso: torso, speed: 0, standHeight: targetHeight ?? 1.2, substeps: substeps)
            case .walk:
                task = try WalkTask(model: model, torso: torso, speed: targetSpeed ?? 1, standHeight: targetHeight ?? 1.2,
                                    substeps: substeps)
            case .run:
                task = try RunTask(model: model, torso: torso, speed: targetSpeed ?? 10, substeps: substeps)
            case .hop:
                task = try HopTask(model: model, torso: torso, foot: foot ?? "foot", touch: touch ?? ["touch_toe", "touch_heel"],
                                   speed: targetSpeed ?? 2, heightRange: (targetHeight ?? 0.6)...max(2, (targetHeight ?? 0.6) + 1),
                                   substeps: substeps)
            case .humanoid, .getup:
                let speed = targetSpeed ?? 0
                task = try HumanoidTask(model: model, goal: family == .getup ? .getUp : speed > 0 ? .move(speed: speed) : .stand,
                                        torso: torso, head: head ?? "head",
                                        extremities: extremities ?? ["left_hand", "left_foot", "right_hand", "right_foot"],
                                        standHeight: targetHeight ?? 1.4, substeps: substeps)
            case .quadruped:
                task = try QuadrupedTask(model: model, speed: targetSpeed ?? 0.5, forward: forward, torso: torso,
                                         feet: touch ?? ["front_left_foot", "front_right_foot", "back_left_foot", "back_right_foot"],
                                         substeps: substeps)
            }
            try model.requireFloor(for: family.rawValue)
        } catch {
            let field = switch error {
            case .missingBody(_, let body, _), .worldBody(_, let body), .missingPoint(_, let body, _):
                if body == torso { "torso" } else if family == .hop { "foot" } else if body == (head ?? "head") { "head" } else { "extremities" }
            case .missingGeom, .missingTouch: "touch"
            case .unsuitableModel: "model"
            }
            throw .unusableModel(file: source, field: field, reason: error.naming(task: family.rawValue).description)
        }
        guard model.actuators.count > 0 else {
            throw .unusableModel(file: source, field: "model", reason: "the model has no actuators to control")
        }
        return try charged(observing(starting(task, on: model), on: model))
    }

    /// `task`, starting from `keyframe` when one is named.
    private func starting(_ task: some PhysicsTask, on model: Model) throws(DefinitionError) -> any PhysicsTask {
        guard let start = try startKeyframe(of: model) else { return task }
        return KeyframeStartTask(task, keyframe: start, noise: resetNoiseScale)
    }

    /// The model's keyframe that `keyframe` names, if it names one.
    private func startKeyframe(of model: Model) throws(DefinitionError) -> Model.Keyframe? {
        guard let keyframe else { return nil }
        guard let start = model.keyframe(named: keyframe) else {
            throw .unusableModel(file: source, field: "keyframe", reason: model.missingKeyframe(keyframe))
        }
        return start
    }

    /// How the environment's actions become controls: offsets of at most `action_scale` from the
    /// keyframe's controls, or spanning each control range.
    public func actionMapping(on model: Model) throws(DefinitionError) -> ActionMapping {
        guard let actionScale, let start = try startKeyframe(of: model) else { return ActionMapping(spanning: model) }
        for (actuator, control) in zip(model.actuators, start.controls) {
            guard let range = actuator.controlRange, !range.contains(control) else { continue }
            let name = actuator.name.isEmpty ? "" : " '\(actuator.name)'"
            throw .unusableModel(file: source, field: "keyframe", reason: "keyframe '\(start.name)' gives actuator\(name) the control \(control), outside its ctrlrange \(range.lowerBound)...\(range.upperBound): actions are offsets from it, and the simulation would clamp them; give the keyframe controls within range")
        }
        return ActionMapping(around: start, scale: actionScale)
    }

    /// `task`, observing the sensors of `observe` too.
    private func observing(_ task: some PhysicsTask, on model: Model) throws(DefinitionError) -> any PhysicsTask {
        guard !observe.isEmpty else { return task }
        do {
            return try SensorTask(task, model: model, sensors: observe)
        } catch {
            throw .unusableModel(file: source, field: "observe", reason: error.description)
        }
    }

    /// `task`, charged `control_cost` when it is positive.
    private func charged(_ task: some PhysicsTask) -> any PhysicsTask {
        controlCost > 0 ? ControlCostTask(task, weight: controlCost) : task
    }

    /// The most physics steps an episode may take (episode_steps × action_repeat × substeps): a
    /// minute or so of one core, for each episode a check plays.
    static let mostPhysicsStepsPerEpisode = 1_000_000

    /// Loads the model, checks the task fits it, and returns the environment's specification.
    /// The task and action mapping are made once; every environment of the spec shares them
    /// (a task is constants: its changing state is the simulation's).
    public func spec() throws(DefinitionError) -> EnvironmentSpec {
        let model = try loadModel()
        let task = try task(on: model), actionMapping = try actionMapping(on: model)
        return EnvironmentSpec(id: id, summary: summary, tags: ["custom", family.rawValue] + tags, maxEpisodeSteps: episodeSteps,
                               observationParts: task.observationParts(on: model), actionSize: model.actuators.count) { seed, options in
            try BuiltinEnvironments.requireNoOptions(options)
            return PhysicsEnvironment(model: model, task: task, actionMapping: actionMapping, actionRepeat: actionRepeat, seed: seed)
        }
    }
}
