import ArgumentParser
import Foundation
import GaitAgents
import GaitCore

/// The `gait` command line as a library, so that a package with its own environments can build
/// the same command line around them.
public enum GaitCLI {
    /// Runs the command line with the environments of `plugins` (and the user's environment
    /// files) and the agents of `agents`, and exits. Every error is one line on stderr and a
    /// non-zero exit status.
    public static func main(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type] = [BuiltinAgents.self],
                            arguments: [String]? = nil) -> Never {
        CommandContext.plugins = plugins
        // A closed stdout (`gait train … | head`) is an error to report, not a signal to die of.
        signal(SIGPIPE, SIG_IGN)
        do {
            CommandContext.agents = try AgentRegistry(plugins: agents)
            var command = try GaitCommand.parseAsRoot(arguments)
            try command.run()
            if let reason = Console.finishOutput() {
                Console.error("cannot write to standard output (\(reason)); the command's results did not all reach it")
                exit(1)
            }
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            if GaitCommand.exitCode(for: error) == .success {
                // --help and the like.
                print(GaitCommand.fullMessage(for: error))
                exit(0)
            }
            Console.error(describe(error))
            exit(max(GaitCommand.exitCode(for: error).rawValue, 1))
        }
    }

    /// Trains as `gait train ARGUMENTS…` does, with the environments of `plugins` (and the
    /// user's environment files) and the agents of `agents`: the same run directory, files,
    /// output and results. For the C
    /// library, so no signal handler is installed: `observe` sees each record (as metrics.csv
    /// gets it) and returns false to stop training, which saves a checkpoint as Ctrl-C does.
    /// Errors are thrown as one line.
    public static func train(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type], arguments: [String],
                             observe: @escaping (TrainingRecord) -> Bool) throws -> TrainingOutcome {
        CommandContext.plugins = plugins
        CommandContext.agents = try AgentRegistry(plugins: agents)
        let command: TrainCommand
        do {
            command = try TrainCommand.parse(arguments)
        } catch {
            throw TrainingArgumentError(message: TrainCommand.message(for: error))
        }
        return try command.train(observer: observe)
    }

    /// The bytes of the agent checkpoint at `path` after the checks `gait eval` makes (a regular
    /// file within the size limit, the data's CRC, a valid run configuration, finite tensors and,
    /// when `registry` has its environment and `agents` its agent, an agent state that
    /// restores), so that other readers (the Python package) accept exactly the files the command
    /// line does. A checkpoint older than policy heads in checkpoints gets its agent's.
    public static func checkedCheckpoint(at path: String, registry: EnvironmentRegistry,
                                         agents: [any AgentPlugin.Type]) throws -> Data {
        try AgentCheckpoint.checkedBytes(URL(fileURLWithPath: path), registry: registry, agents: AgentRegistry(plugins: agents))
    }

    /// An error as one line: Gait's own errors by their description, the argument parser's by
    /// its message with a pointer to the help.
    static func describe(_ error: any Error) -> String {
        let text = if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            GaitCommand.message(for: error) + " (see 'gait help')"
        } else {
            String(describing: error)
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
