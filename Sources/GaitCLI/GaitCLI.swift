import ArgumentParser
import Foundation
import GaitAgents
import GaitCore
import GaitRuns

/// The `gait` command line as a library, so that a package with its own environments or agents
/// can build the same command line around them.
public enum GaitCLI {
    /// Runs the command line with the environments of `plugins` (and the user's environment
    /// files) and the agents of `agents`, and exits. Every error is one line on stderr and a
    /// non-zero exit status.
    public static func main(plugins: [any EnvironmentPlugin.Type], agents: [any AgentPlugin.Type] = [BuiltinAgents.self],
                            arguments: [String]? = nil) -> Never {
        // A closed stdout (`gait train … | head`) is an error to report, not a signal to die of.
        signal(SIGPIPE, SIG_IGN)
        do {
            CommandContext.use(plugins: plugins, agents: agents)
            _ = try CommandContext.agents
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
