import Foundation
import GaitAgents
import GaitCore

/// One training run asked for, by `gait train`'s flags or, as JSON, by Python's `gait.train`
/// through the C library: the environment and agent of a new run or a run to resume, a config
/// file, and settings by name (run settings and hyperparameters, winning over the config file's).
package struct TrainingRequest: Decodable {
    package var environment: String?
    package var agent: String?
    /// A YAML or JSON file of settings and hyperparameters (`--config`).
    package var configFile: String?
    /// Run settings and hyperparameters by name.
    package var settings = SettingOverrides()
    /// The run directory to write (default runs/<env>/<agent>-s<seed>-<time>).
    package var out: String?
    /// A run directory to continue from its latest checkpoint.
    package var resume: String?
    /// An agent checkpoint (or a run directory: its latest) that a new run starts from.
    package var warmStart: String?
    /// Whether the new run also begins with the experience buffer saved with `warmStart`.
    package var warmStartBuffer = false
    /// Whether a caller with an observer has the library catch SIGINT, SIGTERM and SIGHUP during
    /// training, as `gait train` does (the outcome names the signal; the caller restores its own
    /// handlers afterwards).
    package var catchInterrupts = false

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case environment, agent, settings, out, resume
        case configFile = "config_file", warmStart = "warm_start", warmStartBuffer = "warm_start_buffer"
        case catchInterrupts = "catch_interrupts"
    }

    /// Reads a request; every key is optional (`settings` defaults to none), and a key it does
    /// not know is an error rather than silently ignored.
    package init(from decoder: any Decoder) throws {
        let known = CodingKeys.allCases.map(\.rawValue)
        if let unknown = try decoder.container(keyedBy: NameKey.self).allKeys.map(\.stringValue).first(where: { !known.contains($0) }) {
            throw CLIError.usage("the training request has no '\(unknown)'; its keys are \(known.joined(separator: ", ")) "
                                 + "(run settings and hyperparameters go in settings)")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        environment = try container.decodeIfPresent(String.self, forKey: .environment)
        agent = try container.decodeIfPresent(String.self, forKey: .agent)
        configFile = try container.decodeIfPresent(String.self, forKey: .configFile)
        if container.contains(.settings) {
            let values = try container.nestedContainer(keyedBy: NameKey.self, forKey: .settings)
            for key in values.allKeys {
                if let onOff = try? values.decode(Bool.self, forKey: key) {
                    try settings.take(key.stringValue, onOff ? 1 : 0, onOff: true)
                } else {
                    try settings.take(key.stringValue, values.decode(Double.self, forKey: key), onOff: false)
                }
            }
        }
        out = try container.decodeIfPresent(String.self, forKey: .out)
        resume = try container.decodeIfPresent(String.self, forKey: .resume)
        warmStart = try container.decodeIfPresent(String.self, forKey: .warmStart)
        warmStartBuffer = try container.decodeIfPresent(Bool.self, forKey: .warmStartBuffer) ?? false
        catchInterrupts = try container.decodeIfPresent(Bool.self, forKey: .catchInterrupts) ?? false
    }

    package init(environment: String?, agent: String?, configFile: String?, settings: SettingOverrides, out: String?, resume: String?,
                 warmStart: String? = nil, warmStartBuffer: Bool = false) {
        (self.environment, self.agent, self.configFile, self.settings, self.out, self.resume, self.warmStart, self.warmStartBuffer) =
            (environment, agent, configFile, settings, out, resume, warmStart, warmStartBuffer)
    }

    /// Throws unless the request names a new run's environment and agent (a warm start's
    /// checkpoint names the agent), or changes nothing of a resumed run but its steps.
    package func validate() throws {
        if resume != nil, warmStart != nil {
            throw CLIError.usage("--resume continues a run and --warm-start begins a new one from a checkpoint; give one of them")
        }
        if warmStartBuffer, warmStart == nil {
            throw CLIError.usage("--warm-start-buffer carries over the experience buffer of the run --warm-start names; give --warm-start too")
        }
        if resume == nil {
            guard environment != nil else { throw CLIError.usage("name the environment to train on, such as 'gait train walker-stand --agent sac'") }
            guard agent != nil || warmStart != nil else { throw CLIError.usage("choose an agent with --agent (\(try CommandContext.agents.names.joined(separator: ", ")))") }
        } else if configFile != nil || out != nil || settings.values.keys.contains(where: { $0 != RunSettings.field(\.steps).name }) {
            throw CLIError.usage("--resume continues a run with its own settings; only --steps may change (to train longer)")
        }
    }

    /// Trains and prints as `gait train` does; returns how the run ended. With an `observer`
    /// (training from the C library) signals are caught only if `catchInterrupts`: the observer
    /// sees each record and returns false to stop.
    package func train(observer: TrainingSession.Observer?) throws -> TrainingOutcome {
        try validate()
        let session: TrainingSession
        var resumeStep: Int?
        if let resume {
            (session, resumeStep) = try resumedSession(resume)
            print("resuming \(session.run.url.path) " + (resumeStep.map { "at step \($0)" } ?? "from the start (it has no checkpoint yet)"))
        } else {
            session = try newSession()
            print("run: \(session.run.url.path)")
            if let source = session.config.warmStart { print("warm start: \(source)") }
        }
        fflush(nil)
        let catching = observer == nil || catchInterrupts
        let evaluation = try session.train(resumedAt: resumeStep, observer: observer, catchingInterrupts: catching)
        let interrupted = catching ? Interrupt.caughtSignal : nil
        guard let evaluation else { return TrainingOutcome(run: session.run, evaluation: nil, interruptedBy: interrupted) }
        print("curve: \(session.run.curve.path)")
        if FileManager.default.fileExists(atPath: session.run.replay.path) { print("replay: \(session.run.replay.path)") }
        print(evaluation.line)
        fflush(nil)
        return TrainingOutcome(run: session.run, evaluation: evaluation, interruptedBy: interrupted)
    }

    /// The hyperparameters of a warm start's checkpoint, then the config file's settings, then the request's.
    private func overrides(warmStart: WarmStart?) throws -> SettingOverrides {
        var overrides = SettingOverrides()
        if let warmStart { overrides.merge(warmStart.config.hyperparameters) }
        if let configFile { try overrides.merge(configFile: configFile) }
        overrides.merge(settings)
        return overrides
    }

    private func newSession() throws -> TrainingSession {
        let warmStart = try self.warmStart.map { try WarmStart($0, buffer: warmStartBuffer) }
        guard let environment, let agentName = agent ?? warmStart?.config.agent else { throw CLIError.usage("name the environment and the agent") }
        if let warmStart, agentName != warmStart.config.agent {
            throw CLIError.usage("the checkpoint \(warmStart.url.path) holds a \(warmStart.config.agent) agent, not \(agentName); "
                                 + "leave out --agent to go on with \(warmStart.config.agent)")
        }
        let spec = try CommandContext.registry().spec(environment)
        let settings = try overrides(warmStart: warmStart)
        let agents = try CommandContext.agents
        try settings.checkOnOff(against: agents.spec(agentName).hyperparameters)
        let runSettings = try settings.runSettings()
        let seed = UInt64(runSettings.seed)
        let made: any Agent
        do {
            made = try agents.make(agentName, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                   overrides: settings.hyperparameters, seed: seed)
        } catch {
            guard case .unknownHyperparameter(let name, let valid) = error else { throw error }
            throw CLIError.unknownKey(name: name, valid: RunSettings.names + valid)
        }
        let config = RunConfig(
            gaitVersion: GaitVersion.current, environment: spec.id, environmentVersion: spec.version, agent: agentName,
            settings: runSettings, hyperparameters: Dictionary(uniqueKeysWithValues: made.hyperparameters.all.map { ($0.name, $0.value) }),
            created: ISO8601DateFormatter().string(from: Date()), warmStart: warmStart?.url.path,
            warmStartBuffer: warmStartBuffer)
        let firstUpdate = made.firstUpdateStep(copies: runSettings.envs)
        guard runSettings.steps >= firstUpdate else {
            throw CLIError.invalidValue(name: "steps", value: "\(runSettings.steps)", reason: "\(agentName) first learns after \(firstUpdate) steps "
                                        + "(its learning_starts, or one rollout: num_steps, n_steps or batch_steps × envs), so the run "
                                        + "would end untrained; train for at least \(firstUpdate) steps or lower that setting")
        }
        let url = out.map { URL(fileURLWithPath: $0) }
            ?? RunDirectory.defaultURL(environment: spec.id, agent: agentName, seed: seed)
        let session = try TrainingSession(run: try RunDirectory(new: url), config: config, new: true, warmStart: warmStart)
        try RunDirectory.write(try config.encoded(), to: session.run.config)
        return session
    }

    /// The run at `path`, restored to its latest checkpoint, and that checkpoint's step (nil: no
    /// checkpoint yet, training starts again). With steps, config.json changes only once the
    /// checkpoint has been read and lies within it.
    private func resumedSession(_ path: String) throws -> (TrainingSession, Int?) {
        let run = try RunDirectory(existing: path)
        let config = try RunConfig(contentsOf: run.config)
        if let environment, environment != config.environment {
            throw CLIError.usage("the run in \(path) trains \(config.environment), not \(environment)")
        }
        if let agent, agent != config.agent { throw CLIError.usage("the run in \(path) trains \(config.agent), not \(agent)") }
        let session = try TrainingSession(run: run, config: config)
        let step = try session.restore()
        let steps = RunSettings.field(\.steps)
        if let value = settings.values[steps.name] { try session.plan(steps: steps.checked(value)) }
        return (session, step)
    }
}
