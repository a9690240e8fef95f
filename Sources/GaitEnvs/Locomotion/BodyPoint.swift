import GaitPhysics

/// A point fixed to a body that a task reads: the body's origin, or the centre of a geom or site
/// on it (so that a file whose head is a geom of the torso, as Gymnasium's humanoid's, still has
/// a head).
struct BodyPoint: Sendable {
    /// The body the point moves with.
    let body: Int
    /// The point in the body's frame.
    let offset: Vector3

    /// The point in world coordinates.
    func position(in simulation: Simulation) -> Vector3 { simulation.bodyPose(body).apply(offset) }
}

extension Model {
    /// The point `name` names: a body's origin, else a geom's or a site's centre on a moving body;
    /// or a task error naming what is missing.
    func requirePoint(_ name: String, for task: String) throws(TaskError) -> BodyPoint {
        if body(named: name) != nil { return BodyPoint(body: try requireBody(name, for: task), offset: .zero) }
        let found: (body: Int, offset: Vector3)? = if let index = geom(named: name) {
            (geoms[index].body, geoms[index].pose.position)
        } else if let index = site(named: name) {
            (sites[index].body, sites[index].pose.position)
        } else {
            nil
        }
        guard let found else { throw .missingPoint(task: task, name: name, model: self.name) }
        guard found.body != 0 else { throw .worldBody(task: task, body: name) }
        return BodyPoint(body: found.body, offset: found.offset)
    }
}
