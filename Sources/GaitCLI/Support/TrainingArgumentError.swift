/// Arguments `GaitCLI.train` could not read, with the argument parser's message.
public struct TrainingArgumentError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
