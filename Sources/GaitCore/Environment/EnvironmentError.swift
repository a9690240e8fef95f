/// Misuse of an environment, reported instead of silently continuing.
public enum EnvironmentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `step` before the first `reset`.
    case notReset
    /// `step` after the episode ended.
    case episodeFinished
    /// An action with the wrong number of components.
    case wrongActionSize(expected: Int, got: Int)
    /// An action component that is NaN or infinite.
    case nonFiniteAction(index: Int)
    /// The environment cannot restore this internal state.
    case cannotRestore(String)
    /// An option the environment does not understand, or a bad value for one.
    case invalidOption(String)
    /// `reset` found no valid start (for example no pose that touches nothing) in its tries.
    case noValidStart(String)
    /// A task whose observation does not follow its own layout (a task written with a
    /// state-dependent number of values).
    case observationLayout(String)
    /// An error of one copy of a vector environment.
    indirect case inCopy(Int, EnvironmentError)

    public var description: String {
        switch self {
        case .notReset: "step called before reset; call reset(seed:) first"
        case .episodeFinished: "step called after the episode ended (terminated or truncated); call reset(seed:) first"
        case .wrongActionSize(let expected, let got): "the action has \(got) components; this environment takes \(expected)"
        case .nonFiniteAction(let index): "action component \(index) is NaN or infinite; actions must be finite numbers in [-1, 1]"
        case .cannotRestore(let why): "cannot restore the environment's state: \(why)"
        case .invalidOption(let why): "invalid environment option: \(why)"
        case .noValidStart(let why): "reset found no valid start: \(why); check the model and the task's start conditions"
        case .observationLayout(let why): "the observation does not follow its layout: \(why)"
        case .inCopy(let index, let error): "copy \(index): \(error)"
        }
    }
}
