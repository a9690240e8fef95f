internal import CODE
internal import CODEShims

/// Owns one ODE joint: a hinge, slider, universal or ball joint between a body and its parent (or
/// the world), the plane-2D constraint of a planar root, a damper or rotor along a joint's axis,
/// or the ball or fixed joint of an equality constraint.
///
/// Coordinates follow MuJoCo's sign: a hinge's angle is the body's rotation relative to its
/// parent about the axis, and a torque turns the body that way.
final class Joint: JointCoordinates {
    enum Kind {
        case hinge, slider, ball, plane
        /// The two bodies' relative pose held as it is at creation.
        case fixed
        /// Two hinges at one anchor with perpendicular axes: the first fixed in the parent, the
        /// second in the body.
        case universal
        /// A velocity motor about (angular) or along (linear) an axis, used as an implicit damper
        /// (or, angular, as a hinge's rotor).
        case angularDamper, linearDamper
    }

    let id: OpaquePointer
    let kind: Kind
    /// The hinge angle at which ODE's measure is zero: ODE's angles wrap half a turn either side.
    private let measuredFrom: Double
    private let world: World
    private let bodies: (Body, Body?)

    /// Joins `body` to `parent` (nil: the world). Anchor and axes are in ODE world coordinates
    /// (`secondAxis`: a universal joint's); the current relative placement becomes coordinate
    /// zero. A hinge's angle is measured within half a turn of `measuredFrom`. A damper's axis
    /// turns with the body, or with the parent when `axisInParent`.
    init(_ kind: Kind, world: World, body: Body, parent: Body?, anchor: Vector3 = .zero, axis: Vector3 = .zero,
         secondAxis: Vector3 = .zero, measuredFrom: Double = 0, axisInParent: Bool = false) {
        self.kind = kind
        self.world = world
        self.measuredFrom = measuredFrom
        bodies = (body, parent)
        switch kind {
        case .hinge:
            id = dJointCreateHinge(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetHingeAnchor(id, anchor.x, anchor.y, anchor.z)
            if measuredFrom == 0 {
                dJointSetHingeAxis(id, axis.x, axis.y, axis.z)
            } else {
                // ODE's zero is the body's relative turn when the axis is set: set it with the body
                // turned by `measuredFrom`, where it stands now then reads −measuredFrom.
                let placed = body.quaternion
                body.quaternion = Quaternion(axis: axis, angle: measuredFrom) * placed
                dJointSetHingeAxis(id, axis.x, axis.y, axis.z)
                body.quaternion = placed
            }
        case .slider:
            id = dJointCreateSlider(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetSliderAxis(id, axis.x, axis.y, axis.z)
        case .universal:
            // ODE measures a universal joint's angles from body 1 (here the parent) to the cross
            // between the axes; the negated axes make them the body's angles relative to the parent.
            id = dJointCreateUniversal(world.id, nil)
            dJointAttach(id, parent!.id, body.id)
            dJointSetUniversalAnchor(id, anchor.x, anchor.y, anchor.z)
            dJointSetUniversalAxis1(id, -axis.x, -axis.y, -axis.z)
            dJointSetUniversalAxis2(id, -secondAxis.x, -secondAxis.y, -secondAxis.z)
        case .ball:
            id = dJointCreateBall(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetBallAnchor(id, anchor.x, anchor.y, anchor.z)
        case .fixed:
            id = dJointCreateFixed(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetFixed(id)
        case .plane:
            id = dJointCreatePlane2D(world.id, nil)
            dJointAttach(id, body.id, nil)
        case .angularDamper:
            id = dJointCreateAMotor(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetAMotorMode(id, Int32(dAMotorUser))
            dJointSetAMotorNumAxes(id, 1)
            dJointSetAMotorAxis(id, 0, axisInParent ? 2 : 1, axis.x, axis.y, axis.z)
            dJointSetAMotorParam(id, Int32(dParamFMax), gait_ode_infinity())
        case .linearDamper:
            id = dJointCreateLMotor(world.id, nil)
            dJointAttach(id, body.id, parent?.id)
            dJointSetLMotorNumAxes(id, 1)
            dJointSetLMotorAxis(id, 0, 1, axis.x, axis.y, axis.z)
            dJointSetLMotorParam(id, Int32(dParamFMax), gait_ode_infinity())
        }
    }

    /// Moves a ball joint's point on the parent (or in the world) to `anchor` (ODE world
    /// coordinates), where it lies at creation; the body's point stays the creation anchor.
    func setParentAnchor(_ anchor: Vector3) {
        // ODE takes the parent's point in the parent's own frame (the world's: world coordinates).
        let point = bodies.1?.localPoint(ofWorldPoint: anchor) ?? anchor
        dJointSetBallAnchor2(id, point.x, point.y, point.z)
    }

    /// How far apart a ball joint's two points are.
    var ballGap: Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { points in
            dJointGetBallAnchor(id, points.baseAddress)
            dJointGetBallAnchor2(id, points.baseAddress! + 4)
            return Vector3(points[0] - points[4], points[1] - points[5], points[2] - points[6]).length
        }
    }

    /// Sets a ball or fixed joint's error reduction and constraint-force mixing (ODE's defaults
    /// are the world's).
    func setSoftness(erp: Double, cfm: Double) {
        let set = kind == .ball ? dJointSetBallParam : dJointSetFixedParam
        set(id, Int32(dParamERP), erp)
        set(id, Int32(dParamCFM), cfm)
    }

    /// Makes a damper joint resist relative velocity along its axis with `coefficient`
    /// (N·m·s/rad or N·s/m). ODE solves the motor row implicitly: the constraint-force mixing
    /// 1/coefficient turns a zero-velocity motor into a viscous damper that is stable at any step.
    func setDamping(_ coefficient: Double) {
        setTargetVelocity(0)
        setMixing(1 / coefficient)
    }

    /// Sets a damper's constraint-force mixing: its row then states v′ = target − mixing·λ for
    /// the new relative velocity v′ along the axis and the row's force λ.
    func setMixing(_ mixing: Double) {
        (kind == .angularDamper ? dJointSetAMotorParam : dJointSetLMotorParam)(id, Int32(dParamCFM), mixing)
    }

    /// Sets a damper's target velocity for the next step.
    func setTargetVelocity(_ velocity: Double) {
        (kind == .angularDamper ? dJointSetAMotorParam : dJointSetLMotorParam)(id, Int32(dParamVel), velocity)
    }

    deinit { dJointDestroy(id) }

    /// Limits a coordinate (relative to the placement at creation); `axis` 1 is a universal
    /// joint's second. A hinge's bound more than half a turn from where ODE measures it from
    /// lies beyond what ODE's angle reads: it is left out.
    func setLimits(_ range: ClosedRange<Double>, axis: Int = 0) {
        var lower = range.lowerBound - measuredFrom, upper = range.upperBound - measuredFrom
        if kind == .hinge {
            if lower < -.pi { lower = -gait_ode_infinity() }
            if upper > .pi { upper = gait_ode_infinity() }
        }
        setParameter(axis == 0 ? dParamLoStop : dParamLoStop2, lower)
        setParameter(axis == 0 ? dParamHiStop : dParamHiStop2, upper)
    }

    func setLimitSoftness(erp: Double, cfm: Double, axis: Int = 0) {
        setParameter(axis == 0 ? dParamStopERP : dParamStopERP2, erp)
        setParameter(axis == 0 ? dParamStopCFM : dParamStopCFM2, cfm)
    }

    /// Dry friction on a coordinate: the joint's motor holds it still with at most `maximum`
    /// torque or force (MuJoCo's `frictionloss`).
    func setFriction(_ maximum: Double, axis: Int = 0) {
        setParameter(axis == 0 ? dParamVel : dParamVel2, 0)
        setParameter(axis == 0 ? dParamFMax : dParamFMax2, maximum)
    }

    /// Sets one of a hinge's, slider's or universal joint's parameters.
    private func setParameter(_ parameter: Int, _ value: Double) {
        let set = switch kind {
        case .hinge: dJointSetHingeParam
        case .universal: dJointSetUniversalParam
        default: dJointSetSliderParam
        }
        set(id, Int32(parameter), value)
    }

    /// A coordinate: angle (hinge: within half a turn of `measuredFrom`; universal: in (−π, π])
    /// or displacement (slider).
    func position(axis: Int = 0) -> Double {
        switch kind {
        case .hinge: measuredFrom + dJointGetHingeAngle(id)
        case .universal: axis == 0 ? dJointGetUniversalAngle1(id) : dJointGetUniversalAngle2(id)
        default: dJointGetSliderPosition(id)
        }
    }

    /// A coordinate's rate of change.
    func rate(axis: Int = 0) -> Double {
        switch kind {
        case .hinge: dJointGetHingeAngleRate(id)
        case .universal: axis == 0 ? dJointGetUniversalAngle1Rate(id) : dJointGetUniversalAngle2Rate(id)
        default: dJointGetSliderPositionRate(id)
        }
    }

    /// Adds a generalized force (torque about, or force along, an axis) for the next step.
    func addForce(_ force: Double, axis: Int = 0) {
        switch kind {
        case .hinge: dJointAddHingeTorque(id, force)
        case .universal: dJointAddUniversalTorques(id, axis == 0 ? force : 0, axis == 0 ? 0 : force)
        default: dJointAddSliderForce(id, force)
        }
    }
}
