internal import CODE
internal import CODEShims
import Foundation

/// Three hinges at one anchor with mutually perpendicular axes (MuJoCo's hinges applied in order,
/// as the humanoid's hips): an ODE ball joint, 3 constraint rows and no link bodies, whose three
/// coordinates are the Euler angles of the body's rotation relative to its parent about those
/// axes, computed here. Limits and heavy damping are angular-motor rows along the dual axes (the
/// directions along which the relative angular velocity reads exactly one coordinate's rate), set
/// before every step. A generalized force is a torque along its dual axis too: that torque does
/// work on its own coordinate alone, as a hinge's motor does through massless links.
final class Gimbal: JointCoordinates {
    /// The coordinates of the current state, and the world directions that go with them.
    private struct Reading {
        /// Euler angles about the right-handed axes.
        var angles: Vector3
        var rates: Vector3
        /// The dual axes (ODE world): `duals[i]` · (relative angular velocity) = `rates[i]`, and
        /// `duals[i]` · (the current axis of hinge j) is 1 for i = j, else 0.
        var duals: Triad
    }

    /// Three vectors, one per coordinate (a tuple, so that a reading allocates nothing).
    private struct Triad {
        var vectors: (Vector3, Vector3, Vector3)

        subscript(axis: Int) -> Vector3 {
            switch axis {
            case 0: vectors.0
            case 1: vectors.1
            default: vectors.2
            }
        }
    }

    /// The ball joint that holds the anchor (3 rows); kept for its lifetime, as it reads nothing.
    private let ball: Joint
    /// Rows for the coordinates' limits (ODE's user-mode angular motor: axes and angles from us).
    private let limits: OpaquePointer
    /// Implicit dampers, when a coordinate's damping is heavy (see `BodyLayout.needsImplicitDamping`).
    private let dampers: OpaquePointer?
    private let body: Body
    private let parent: Body?
    /// The hinge axes in the parent's frame, as columns, the last one negated when needed to make
    /// them a right-handed basis.
    private let basis: Matrix3
    /// +1 or −1 per coordinate: −1 for the last one when its axis was negated.
    private let signs: Vector3
    /// The parent-relative orientation at creation (all coordinates zero).
    private let resting: Quaternion
    /// Per coordinate: its implicit damping coefficient (0: none).
    private let damping: Vector3
    private var reading: Reading?

    /// Joins `body` to `parent` (nil: the world) at `anchor` with hinges about `axes` (ODE world
    /// coordinates, mutually perpendicular, applied in order); the current placement is
    /// coordinate zero. `damping` holds each coordinate's implicit damping (0: none).
    init(world: World, body: Body, parent: Body?, anchor: Vector3, axes: [Vector3], damping: Vector3) {
        ball = Joint(.ball, world: world, body: body, parent: parent, anchor: anchor)
        self.body = body
        self.parent = parent
        let parentTurn = parent?.quaternion ?? .identity
        let local = axes.map { parentTurn.conjugate.rotate($0 / $0.length) }
        let handedness: Double = local[0].cross(local[1]).dot(local[2]) > 0 ? 1 : -1
        let last = handedness * local[2]
        basis = Matrix3(xx: local[0].x, xy: local[1].x, xz: last.x,
                        yx: local[0].y, yy: local[1].y, yz: last.y,
                        zx: local[0].z, zy: local[1].z, zz: last.z)
        signs = Vector3(1, 1, handedness)
        resting = parentTurn.conjugate * body.quaternion
        self.damping = damping
        limits = Self.angularMotor(world: world, body: body, parent: parent)
        dampers = damping == .zero ? nil : Self.angularMotor(world: world, body: body, parent: parent)
        for axis in 0..<3 where damping[axis] > 0 {
            dJointSetAMotorParam(dampers, Self.parameter(dParamVel, axis: axis), 0)
            dJointSetAMotorParam(dampers, Self.parameter(dParamFMax, axis: axis), gait_ode_infinity())
        }
    }

    deinit {
        dJointDestroy(limits)
        if let dampers { dJointDestroy(dampers) }
    }

    private static func angularMotor(world: World, body: Body, parent: Body?) -> OpaquePointer {
        let motor = dJointCreateAMotor(world.id, nil)!
        dJointAttach(motor, body.id, parent?.id)
        dJointSetAMotorMode(motor, Int32(dAMotorUser))
        dJointSetAMotorNumAxes(motor, 3)
        return motor
    }

    /// An angular motor's parameter for one of its axes.
    private static func parameter(_ base: some BinaryInteger, axis: Int) -> Int32 { Int32(Int(base) + Int(dParamGroup) * axis) }

    func position(axis: Int) -> Double { signs[axis] * current().angles[axis] }

    func rate(axis: Int) -> Double { signs[axis] * current().rates[axis] }

    func addForce(_ force: Double, axis: Int) {
        let torque = signs[axis] * force * current().duals[axis]
        body.addTorque(torque)
        parent?.addTorque(-torque)
    }

    func setLimits(_ range: ClosedRange<Double>, axis: Int) {
        let low = signs[axis] > 0 ? range.lowerBound : -range.upperBound
        let high = signs[axis] > 0 ? range.upperBound : -range.lowerBound
        dJointSetAMotorParam(limits, Self.parameter(dParamLoStop, axis: axis), low)
        dJointSetAMotorParam(limits, Self.parameter(dParamHiStop, axis: axis), high)
    }

    /// The limit row runs along the unit dual axis u = dual/|dual|: it reads rate/|dual| and its
    /// force acts on the coordinate as force/|dual|, so the coordinate's ERP and mixing become
    /// erp/|dual| and cfm/|dual|² on the row.
    func setLimitSoftness(erp: Double, cfm: Double, axis: Int) {
        let length = current().duals[axis].length
        dJointSetAMotorParam(limits, Self.parameter(dParamStopERP, axis: axis), erp / length)
        dJointSetAMotorParam(limits, Self.parameter(dParamStopCFM, axis: axis), cfm / (length * length))
    }

    /// Points the limit and damper rows along the current dual axes, hands ODE the current angles
    /// (the limits' input) and scales each damper's constraint-force mixing so that the row's
    /// force is exactly −damping × rate on its coordinate. Call right before the world steps.
    func prepareStep() {
        let reading = current()
        for axis in 0..<3 {
            let dual = reading.duals[axis]
            dJointSetAMotorAxis(limits, Int32(axis), 0, dual.x, dual.y, dual.z)
            dJointSetAMotorAngle(limits, Int32(axis), reading.angles[axis])
            guard let dampers, damping[axis] > 0 else { continue }
            dJointSetAMotorAxis(dampers, Int32(axis), 0, dual.x, dual.y, dual.z)
            // The unit row u = dual/|dual| reads rate/|dual| and its force f acts on the
            // coordinate as f/|dual|; a mixing of 1/(c |dual|²) makes that −c × rate.
            dJointSetAMotorParam(dampers, Self.parameter(dParamCFM, axis: axis), 1 / (damping[axis] * dual.dot(dual)))
        }
    }

    /// Forgets the reading: call whenever the bodies move (a step, a restore, a placement).
    func invalidate() { reading = nil }

    private func current() -> Reading {
        if let reading { return reading }
        let fresh = read()
        reading = fresh
        return fresh
    }

    /// Decomposes the relative rotation, R = Rx(a) Ry(b) Rz(c) in the basis of the hinge axes,
    /// and its angular velocity ω = ȧ x + ḃ Rx(a) y + ċ Rx(a) Ry(b) z.
    private func read() -> Reading {
        let parentTurn = parent?.quaternion ?? .identity
        let turn = ((parentTurn.conjugate * body.quaternion) * resting.conjugate).matrix
        let r = basis.transposed * turn * basis
        let sinB = min(max(r.xz, -1), 1)
        let a = atan2(-r.yz, r.zz), b = asin(sinB), c = atan2(-r.xy, r.xx)
        let sinA = sin(a), cosA = cos(a)
        // Past ±90° for b the first and last axes would line up; the middle hinge's limit keeps
        // b within `BodyLayout.gimbalMiddleRange`, and the floor keeps a blown-up state finite.
        let cosB = max((1 - sinB * sinB).squareRoot(), 1e-3)
        let spin = basis.transposed * parentTurn.conjugate.rotate(body.angularVelocity - (parent?.angularVelocity ?? .zero))
        let turnedY = cosA * spin.y + sinA * spin.z, turnedZ = -sinA * spin.y + cosA * spin.z
        let rateC = turnedZ / cosB
        let rates = Vector3(spin.x - sinB * rateC, turnedY, rateC)
        func world(_ v: Vector3) -> Vector3 { parentTurn.rotate(basis * v) }
        // The hinges' current axes are x, Rx(a) y and Rx(a) Ry(b) z; these are their duals.
        let duals = Triad(vectors: (world(Vector3(1, sinA * sinB / cosB, -cosA * sinB / cosB)), world(Vector3(0, cosA, sinA)),
                                    world(Vector3(0, -sinA, cosA) / cosB)))
        return Reading(angles: Vector3(a, b, c), rates: rates, duals: duals)
    }
}
