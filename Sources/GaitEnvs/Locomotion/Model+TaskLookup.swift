import GaitPhysics

extension Model {
    /// The index of body `name`, or a task error naming what is missing.
    func requireBody(_ name: String, for task: String) throws(TaskError) -> Int {
        guard let index = body(named: name) else { throw .missingBody(task: task, body: name, model: self.name) }
        guard index != 0 else { throw .worldBody(task: task, body: name) }
        return index
    }

    /// The index of geom `name`, or a task error naming what is missing.
    func requireGeom(_ name: String, for task: String) throws(TaskError) -> Int {
        guard let index = geom(named: name) else { throw .missingGeom(task: task, geom: name, model: self.name) }
        return index
    }

    /// Where touch named `name` is sensed: a touch sensor's site, else the geom of that name, or a
    /// task error naming what is missing.
    func requireTouch(_ name: String, for task: String) throws(TaskError) -> TouchArea {
        if let sensor = sensor(named: name), sensors[sensor].kind == .touch { return .site(sensors[sensor].object) }
        guard let index = geom(named: name) else { throw .missingTouch(task: task, name: name, model: self.name) }
        return .geom(index)
    }

    /// Succeeds only for a planar robot (slide x, slide z, hinge y root) with only hinges and slides.
    func requirePlanar(for task: String) throws(TaskError) {
        guard isPlanar, joints.allSatisfy({ $0.kind == .hinge || $0.kind == .slide }) else {
            throw .unsuitableModel(task: task, reason: "it needs a planar robot (slide x, slide z, hinge y root) with only hinges and slides")
        }
    }

    /// Succeeds only for a 3-D robot: a free joint on the first body, which carries `torso`, and
    /// hinges and slides below it; other bodies may be free objects (dm_control's quadruped has
    /// a ball), which resets leave where the model puts them.
    func requireFreeRoot(for task: String, torso: Int) throws(TaskError) {
        let robot = robotBodies
        guard joints.first?.kind == .free, robot.contains(torso),
              joints.dropFirst().allSatisfy({ robot.contains($0.body) ? $0.kind == .hinge || $0.kind == .slide : $0.kind == .free }) else {
            throw .unsuitableModel(task: task, reason: "it needs a 3-D robot: a free joint on the first body, which carries the torso, then only hinges and slides (other bodies may be free objects)")
        }
    }

    /// Succeeds only when something fixed to the world (a plane, height field or other geom of
    /// the world body) can collide with a geom of a body: the floor a locomotion task stands on.
    func requireFloor(for task: String) throws(TaskError) {
        let moving = geoms.filter { $0.body != 0 }
        guard geoms.contains(where: { floor in
            floor.body == 0 && moving.contains(where: floor.collides)
        }) else {
            throw .unsuitableModel(task: task, reason: "it has no floor: no geom of the world body that the robot can touch (MuJoCo Menagerie keeps a robot's floor in its scene.xml: name that file)")
        }
    }

    /// The robot of a 3-D task: the body of the first free joint (its root) and all below it.
    var robotBodies: Set<Int> {
        guard let root = joints.first(where: { $0.kind == .free }) else { return [] }
        return Set(subtrees[root.body])
    }

    /// The body's own centre of mass in world coordinates (MuJoCo's xipos).
    func centerOfMass(of body: Int, in simulation: Simulation) -> Vector3 {
        simulation.bodyPose(body).apply(bodies[body].massProperties.center)
    }
}
