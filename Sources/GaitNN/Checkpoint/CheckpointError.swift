/// Why a checkpoint could not be read, written or loaded into a network.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file ends before the data its header announces.
    case truncated(path: String)
    /// The file is not a safetensors file at all (another kind of file was given).
    case notCheckpoint(path: String)
    /// The header or data is damaged.
    case corrupted(path: String, reason: String)
    /// Valid safetensors that Gait does not handle (a dtype other than F32).
    case unsupported(path: String, reason: String)
    /// A tensor the network needs is absent.
    case missingTensor(name: String)
    /// A tensor has a different shape from the network's.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// Valid saved state that cannot go where it is restored (a saved experience buffer larger
    /// than the one it would fill); the reason says what to keep as it was.
    case doesNotFit(reason: String)

    public var description: String {
        switch self {
        case .io(let path, let reason): "\(path): \(reason)"
        case .truncated(let path): "\(path) is truncated (the file ends early); use another checkpoint"
        case .notCheckpoint(let path):
            "\(path) is not a checkpoint (a .safetensors file from gait train); pass a checkpoint or a run's folder"
        case .corrupted(let path, let reason): "\(path) is corrupted (\(reason)); use another checkpoint"
        case .unsupported(let path, let reason): "\(path): \(reason)"
        case .missingTensor(let name): "the checkpoint has no tensor '\(name)'; it was saved from a different network"
        case .shapeMismatch(let name, let expected, let found):
            "tensor '\(name)' has shape \(found) but the network needs \(expected); the checkpoint was saved from a different network"
        case .doesNotFit(let reason): reason
        }
    }
}
