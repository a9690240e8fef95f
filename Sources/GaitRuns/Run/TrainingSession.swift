import Foundation
import GaitAgents
import GaitCore
import GaitNN
import GaitRender

/// One training run, from its start or its latest checkpoint to the end: the trainer, the
/// metrics file and its TensorBoard twin, checkpoints every `checkpoint_every` steps (and on Ctrl-C), the progress
/// display, and at the end a recorded final evaluation, the learning curve and a replay page.
package final class TrainingSession {
    let run: RunDirectory
    /// Held for the session's lifetime: no other process trains in `run` meanwhile.
    private let lock: RunLock
    private(set) var config: RunConfig
    let spec: EnvironmentSpec
    let agent: any Agent
    let trainer: Trainer

    /// Prepares the run `config` describes in `run` and locks it. The folder (or a resumed run's
    /// sub-folder the user removed) is created once the agent and trainer are built, and both
    /// restored from `warmStart` when there is one, so that a configuration that fails leaves
    /// nothing behind.
    init(run: RunDirectory, config: RunConfig, new: Bool = false, warmStart: WarmStart? = nil) throws {
        self.run = run
        self.config = config
        spec = try CommandContext.registry().spec(config.environment)
        guard spec.version == config.environmentVersion else {
            throw CLIError.usage("the run used \(spec.id) version \(config.environmentVersion) but version \(spec.version) is registered; it cannot continue")
        }
        agent = try CommandContext.agents.make(config.agent, observationSize: spec.observationSize, actionSize: spec.actionSize,
                                               overrides: config.hyperparameters, seed: UInt64(config.settings.seed))
        trainer = try Trainer(spec: spec, agent: agent, settings: .init(
            copies: config.settings.envs, seed: UInt64(config.settings.seed), evaluationInterval: config.settings.evalEvery,
            evaluationEpisodes: config.settings.evalEpisodes, logInterval: 1_000))
        try warmStart?.restore(into: agent, trainer: trainer, for: spec, registry: try CommandContext.registry())
        try run.create(advice: new ? "choose a writable --out" : "move what stands in the way, or make the folder writable")
        lock = try RunLock(run.url)
        if new, FileManager.default.fileExists(atPath: run.config.path) {
            throw CLIError.usage("\(run.url.path) became a run while this one started; choose another --out")
        }
        run.removeLeftovers()
    }

    /// Continues from the run's latest training state; returns its step, or nil for a run that
    /// ended before its first checkpoint, which then starts again from step 0 (with its seed, to
    /// the same records; a warm-started run from the checkpoint it began with). The state, the
    /// agent checkpoint it names and the configuration must agree on the step.
    func restore() throws -> Int? {
        guard FileManager.default.fileExists(atPath: run.trainingState.path) else {
            if let saved = run.checkpointSteps().last {
                throw CLIError.badFile(path: run.trainingState.path, reason: "it is missing, though the run saved checkpoints (such as \(saved).safetensors), "
                                       + "and resuming without it would train again from step 0 over them. Put the file back, start a new "
                                       + "run from a checkpoint with 'gait train ENV --warm-start CHECKPOINT', or remove the checkpoints "
                                       + "to train this run again from the start")
            }
            try config.warmStart.map { try WarmStart($0, buffer: config.warmStartBuffer) }?
                .restore(into: agent, trainer: trainer, for: spec, registry: try CommandContext.registry())
            return nil
        }
        let state = StateDictionary(try Safetensors(contentsOf: run.trainingState))
        let step = try state.int(AgentCheckpoint.stepKey)
        let checkpoint = run.checkpoint(step: step)
        let agentState = StateDictionary(try Safetensors(contentsOf: checkpoint))
        let changes = config.changes(from: try AgentCheckpoint.config(of: agentState.file, path: checkpoint.path))
        guard changes.isEmpty else {
            throw CLIError.badFile(path: run.config.path, reason: "it was edited after \(checkpoint.lastPathComponent) was saved (\(changes.joined(separator: ", "))), "
                                   + "and resuming continues a run exactly as it was configured: undo the edit, or start a new run with "
                                   + "--config or --set (only --steps may change when resuming)")
        }
        try agent.restore(from: agentState)
        try trainer.restore(from: state)
        let checkpointStep = try agentState.int(AgentCheckpoint.stepKey)
        guard checkpointStep == step, trainer.steps == step, step < config.settings.steps + trainer.stepGranularity else {
            throw CLIError.badFile(path: run.trainingState.path, reason: "the run's files disagree: the training state names step \(step), "
                                   + "its trainer is at step \(trainer.steps), the checkpoint at step \(checkpointStep) and config.json plans "
                                   + "\(config.settings.steps) steps. Start a new run, or evaluate one of its checkpoints with 'gait eval'")
        }
        return step
    }

    /// Changes the number of steps to train for (resuming with --steps; checked against its
    /// range by the caller) and records it in config.json; it must not lie before the restored step.
    func plan(steps: Int) throws {
        guard steps >= trainer.steps else {
            throw CLIError.invalidValue(name: "--steps", value: "\(steps)", reason: "the run is already at step \(trainer.steps); "
                                        + "give at least that many to finish it, or more to train longer")
        }
        config.settings.steps = steps
        try RunDirectory.write(try config.encoded(), to: run.config)
    }

    /// Sees each training record; returns false to stop training (at the next safe point, with
    /// a checkpoint saved, as Ctrl-C does).
    package typealias Observer = (TrainingRecord) -> Bool

    /// Trains to the configured number of steps and finishes the run; returns the final
    /// evaluation, or nil when stopped before: by Ctrl-C (SIGTERM, SIGHUP: `Interrupt`) when
    /// `catchingInterrupts`, or by `observer`. A stopped run has its checkpoint saved.
    func train(resumedAt resumeStep: Int?, observer: Observer?, catchingInterrupts: Bool) throws -> Evaluation? {
        let metrics = try MetricsFile(url: run.metrics, agentColumns: agent.metricNames, keepingRowsThrough: resumeStep)
        let tensorboard = try TensorBoardFile(folder: run.url, origin: Date().timeIntervalSince1970 - trainer.activeSeconds,
                                              rows: metrics.keptRows)
        let progress = ProgressDisplay(totalSteps: config.settings.steps, startStep: trainer.steps,
                                       lineInterval: max(1_000, config.settings.steps / 20 / 1_000 * 1_000))
        defer { progress.finish() }
        trainer.willEvaluate = { progress.showUntilNextStep("evaluating…") }
        defer { trainer.willEvaluate = nil }
        var watch = DivergenceWatch(metrics: try CommandContext.agents.spec(config.agent).metrics)
        for record in metrics.keptRows.map(\.record) {
            _ = watch.observe(record)
            progress.recall(record)
        }
        var stopAsked = false
        var writeFailure: (any Error)?
        let shouldStop = { stopAsked || catchingInterrupts && Interrupt.requested }
        if catchingInterrupts { Interrupt.install(secondEndsProcess: observer == nil) }
        while trainer.steps < config.settings.steps {
            let next = min((trainer.steps / config.settings.checkpointEvery + 1) * config.settings.checkpointEvery, config.settings.steps)
            let finished = try trainer.train(until: next, plannedSteps: config.settings.steps, report: { record in
                do {
                    try metrics.append(record)
                    try tensorboard.append(record)
                } catch {
                    writeFailure = writeFailure ?? error
                }
                progress.record(record)
                for warning in watch.observe(record) { progress.warn(warning) }
                if let observer, !observer(record) { stopAsked = true }
            }, shouldStop: {
                progress.tick(step: trainer.steps)
                return writeFailure != nil || shouldStop()
            })
            try checkpoint(after: writeFailure, logs: [metrics.log, tensorboard.log])
            if !finished {
                progress.finish()
                Console.note("\(catchingInterrupts && Interrupt.requested ? "interrupted" : "stopped") at step \(trainer.steps); checkpoint saved. "
                             + "Continue with: gait train --resume \(run.url.path)")
                return nil
            }
        }
        return try finish(showingOn: progress, shouldStop: shouldStop)
    }

    /// Saves the checkpoint of the current step once `logs` hold every record before it. A write
    /// that fails, or an earlier `logFailure` of the logs, stops training with an error that says
    /// where `--resume` will continue from (resuming is exact from any checkpoint).
    private func checkpoint(after logFailure: (any Error)?, logs: [LogFile]) throws {
        let resume = "gait train --resume \(run.url.path)"
        do {
            for log in logs { try log.flush() }
            try saveCheckpoint()
        } catch {
            let from = FileManager.default.fileExists(atPath: run.trainingState.path) ? "its last checkpoint" : "the start (it has no checkpoint)"
            throw CLIError.io(path: run.url.path, reason: "training stopped at step \(trainer.steps): \(logFailure ?? error); "
                              + "once there is room, '\(resume)' continues from \(from)")
        }
        if let logFailure {
            throw CLIError.io(path: run.url.path, reason: "training stopped at step \(trainer.steps) with a checkpoint saved: \(logFailure); "
                              + "once there is room, '\(resume)' continues from it")
        }
    }

    /// Writes the agent checkpoint for the current step, then the training state (atomically,
    /// in that order, so the state never names a checkpoint that is not there).
    private func saveCheckpoint() throws {
        let checkpoint = run.checkpoint(step: trainer.steps)
        try AgentCheckpoint.write(agent, config: config, step: trainer.steps, to: checkpoint)
        var state = StateDictionary()
        trainer.save(into: &state)
        state.set(AgentCheckpoint.stepKey, number: Double(trainer.steps))
        do {
            try state.file.write(to: run.trainingState)
        } catch {
            // Without a training state of an earlier step, a lone checkpoint would stop
            // `--resume` from starting the run again (see `restore`).
            if !FileManager.default.fileExists(atPath: run.trainingState.path) { try? FileManager.default.removeItem(at: checkpoint) }
            throw error
        }
    }

    /// The final evaluation, recorded into `episodes/`, then the curve and the replay page,
    /// each announced on `progress`, which it ends; nil when `shouldStop` stops the evaluation.
    private func finish(showingOn progress: ProgressDisplay, shouldStop: () -> Bool) throws -> Evaluation? {
        var episodes: [Episode] = []
        let evaluation: Evaluation
        do {
            progress.show(status: "evaluating the final policy (\(config.settings.evalEpisodes) episodes)…")
            evaluation = try trainer.evaluate(recording: { episodes.append($0) }, shouldStop: shouldStop)
        } catch is CancellationError {
            progress.finish()
            Console.note("interrupted during the final evaluation; training is complete and its checkpoint saved. "
                         + "Evaluate it with: gait eval \(run.url.path)")
            return nil
        }
        progress.show(status: "writing episodes, the curve and the replay page…")
        defer { progress.finish() }
        for (index, episode) in episodes.enumerated() {
            try episode.write(to: run.episodes.appendingPathComponent(String(format: "final-%03d.gaitep", index)))
        }
        try RunDirectory.write(Data(try LearningCurvePlot.render(runs: [run]).utf8), to: run.curve)
        if let first = episodes.first {
            do {
                try RunDirectory.write(Data(try ReplayPage.render(first, registry: CommandContext.registry()).html.utf8), to: run.replay)
            } catch RenderError.notReplayable(let outcome) {
                Console.warning("no replay page: the environment did not repeat its first final episode (\(outcome)); "
                                + "run 'gait check \(config.environment)' to see whether it is deterministic")
            }
        }
        return evaluation
    }
}
