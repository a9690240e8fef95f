internal import CODE
internal import CODEShims

/// Owns one ODE joint: a hinge, slider or ball between a body and its parent (or the world), the
/// plane-2D constraint of a planar root, or a damper along a hinge's or slider's axis.
final class Joint {
    enum Kind {
        case hinge, slider, ball, plane
        /// A velocity motor about (angular) or along (linear) an axis, used as an implicit damper.
        case angularDamper, linearDamper
    }

    let id: OpaquePointer
    let kind: Kind
    private let world: World
    private let bodies: (Body, Body?)

    /// Joins `body` to `parent` (nil: the world). Anchor and axis are in ODE world coordinates;
    /// the current relative placement becomes coordinate zero.
    init(_ kind: Kind, world: World, body: Body, parent: Body?, anchor: Vector3 = .zero, axis: Vector3 = .zero) {
        self.kind = kind
        self.world = world
        bodies = (body, parent)
        switch kind {
        case .hinge:
            id = dJointCreateHinge(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetHingeAnchor(id, anchor.x, anchor.y, anchor.z)
            dJointSetHingeAxis(id, axis.x, axis.y, axis.z)
        case .slider:
            id = dJointCreateSlider(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetSliderAxis(id, axis.x, axis.y, axis.z)
        case .ball:
            id = dJointCreateBall(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetBallAnchor(id, anchor.x, anchor.y, anchor.z)
        case .plane:
            id = dJointCreatePlane2D(world.id, nil)
            dJointAttach(id, body.id, nil)
        case .angularDamper:
            id = dJointCreateAMotor(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetAMotorMode(id, Int32(dAMotorUser))
            dJointSetAMotorNumAxes(id, 1)
            dJointSetAMotorAxis(id, 0, 1, axis.x, axis.y, axis.z)
        case .linearDamper:
            id = dJointCreateLMotor(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetLMotorNumAxes(id, 1)
            dJointSetLMotorAxis(id, 0, 1, axis.x, axis.y, axis.z)
        }
    }

    /// Makes a damper joint resist relative velocity along its axis with `coefficient`
    /// (N·m·s/rad or N·s/m). ODE solves the motor row implicitly: the constraint-force mixing
    /// 1/coefficient turns a zero-velocity motor into a viscous damper that is stable at any step.
    func setDamping(_ coefficient: Double) {
        let set = kind == .angularDamper ? dJointSetAMotorParam : dJointSetLMotorParam
        set(id, Int32(dParamVel), 0)
        set(id, Int32(dParamFMax), gait_ode_infinity())
        set(id, Int32(dParamCFM), 1 / coefficient)
    }

    deinit { dJointDestroy(id) }

    /// Limits the joint coordinate (relative to the placement at creation).
    func setLimits(_ range: ClosedRange<Double>) {
        let set = kind == .hinge ? dJointSetHingeParam : dJointSetSliderParam
        set(id, Int32(dParamLoStop), range.lowerBound)
        set(id, Int32(dParamHiStop), range.upperBound)
    }

    /// The coordinate: angle (hinge, in (−π, π]) or displacement (slider).
    var position: Double { kind == .hinge ? dJointGetHingeAngle(id) : dJointGetSliderPosition(id) }

    /// The coordinate's rate of change.
    var rate: Double { kind == .hinge ? dJointGetHingeAngleRate(id) : dJointGetSliderPositionRate(id) }

    /// Adds a generalized force (torque about, or force along, the axis) for the next step.
    func addForce(_ force: Double) {
        if kind == .hinge { dJointAddHingeTorque(id, force) } else { dJointAddSliderForce(id, force) }
    }
}
