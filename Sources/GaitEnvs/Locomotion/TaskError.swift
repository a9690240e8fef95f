/// A task that does not fit its model.
public enum TaskError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The task names a body the model does not have.
    case missingBody(task: String, body: String, model: String)
    /// The task names a point (a body, geom or site) the model does not have.
    case missingPoint(task: String, name: String, model: String)
    /// The task names a geom the model does not have.
    case missingGeom(task: String, geom: String, model: String)
    /// The task names a touch sensor (or geom) the model does not have.
    case missingTouch(task: String, name: String, model: String)
    /// The task names the fixed world body where it needs one that moves.
    case worldBody(task: String, body: String)
    /// The model lacks a structure the task needs.
    case unsuitableModel(task: String, reason: String)

    /// The same error for the task family `task` (as the user named it, such as `stand` for a
    /// walk task that stands still).
    public func naming(task: String) -> TaskError {
        switch self {
        case .missingBody(_, let body, let model): .missingBody(task: task, body: body, model: model)
        case .missingPoint(_, let name, let model): .missingPoint(task: task, name: name, model: model)
        case .missingGeom(_, let geom, let model): .missingGeom(task: task, geom: geom, model: model)
        case .missingTouch(_, let name, let model): .missingTouch(task: task, name: name, model: model)
        case .worldBody(_, let body): .worldBody(task: task, body: body)
        case .unsuitableModel(_, let reason): .unsuitableModel(task: task, reason: reason)
        }
    }

    public var description: String {
        switch self {
        case .missingBody(let task, let body, let model):
            "task '\(task)' needs a body named '\(body)', which model '\(model)' does not have"
        case .missingPoint(let task, let name, let model):
            "task '\(task)' needs a body, geom or site named '\(name)', which model '\(model)' does not have"
        case .missingGeom(let task, let geom, let model):
            "task '\(task)' needs a geom named '\(geom)', which model '\(model)' does not have"
        case .missingTouch(let task, let name, let model):
            "task '\(task)' needs a touch sensor or geom named '\(name)', which model '\(model)' does not have"
        case .worldBody(let task, let body):
            "task '\(task)' needs a body that moves; '\(body)' is the fixed world body"
        case .unsuitableModel(let task, let reason):
            "task '\(task)' cannot use this model: \(reason)"
        }
    }
}
