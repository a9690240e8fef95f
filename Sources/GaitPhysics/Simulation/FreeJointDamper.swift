/// Damping on a free joint, as MuJoCo's Euler integrator applies it: every one of the joint's six
/// velocities (its body frame origin's linear velocity and the angular velocity) is damped, and
/// implicitly, so that heavy damping slows the body without overshooting. The generalized
/// damping force is −d·v′ with v′ = (M + h·d)⁻¹·(M·v + h·g), the velocity after the step, M the
/// body's mass matrix about its frame origin, g gravity's generalized force and h the timestep
/// (so the body falls at MuJoCo's terminal velocity); in body axes M is constant.
struct FreeJointDamper {
    /// The model body the joint moves.
    let body: Int
    /// The joint's damping.
    let damping: Double
    /// The rigid body's mass and centre of mass (body axes), for gravity's generalized force.
    private let mass: Double, center: Vector3
    /// Gravity times the timestep, in world axes.
    private let gravityStep: Vector3
    /// M and (M + h·d)⁻¹ in body axes, as 3×3 blocks: rows linear then angular velocity,
    /// columns likewise.
    private let massMatrix, dampedInverse: (linear: (Matrix3, Matrix3), angular: (Matrix3, Matrix3))

    /// The damper of a free joint with `damping` on `body`, whose rigid body has `mass` (its
    /// centre and inertia in the body's frame), for steps of `timestep` under `gravity`.
    init(body: Int, damping: Double, mass: MassProperties, timestep: Double, gravity: Vector3) {
        self.body = body
        self.damping = damping
        (self.mass, center, gravityStep) = (mass.mass, mass.center, timestep * gravity)
        // The mass matrix about the frame origin, for the velocities (origin's, angular):
        // [[m·1, −m·[c]×], [m·[c]×, I − m·[c]×[c]×]], c the centre of mass.
        let c = mass.center, m = mass.mass
        let cross = [[0, -c.z, c.y], [c.z, 0, -c.x], [-c.y, c.x, 0]]
        let inertia = [[mass.inertia.xx, mass.inertia.xy, mass.inertia.xz], [mass.inertia.yx, mass.inertia.yy, mass.inertia.yz],
                       [mass.inertia.zx, mass.inertia.zy, mass.inertia.zz]]
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
        for i in 0..<3 {
            matrix[i][i] = m
            for j in 0..<3 {
                matrix[i][3 + j] = -m * cross[i][j]
                matrix[3 + i][j] = m * cross[i][j]
                matrix[3 + i][3 + j] = inertia[i][j] - m * (0..<3).reduce(0) { $0 + cross[i][$1] * cross[$1][j] }
            }
        }
        var damped = matrix
        for i in 0..<6 { damped[i][i] += timestep * damping }
        let identity = (0..<6).map { i in (0..<6).map { $0 == i ? 1.0 : 0 } }
        massMatrix = Self.blocks(matrix)
        dampedInverse = Self.blocks(Self.solve(damped, identity))
    }

    /// A 6×6 matrix as its four 3×3 blocks.
    private static func blocks(_ x: [[Double]]) -> (linear: (Matrix3, Matrix3), angular: (Matrix3, Matrix3)) {
        func block(_ row: Int, _ column: Int) -> Matrix3 {
            Matrix3(xx: x[row][column], xy: x[row][column + 1], xz: x[row][column + 2],
                    yx: x[row + 1][column], yy: x[row + 1][column + 1], yz: x[row + 1][column + 2],
                    zx: x[row + 2][column], zy: x[row + 2][column + 1], zz: x[row + 2][column + 2])
        }
        return ((block(0, 0), block(0, 3)), (block(3, 0), block(3, 3)))
    }

    /// X with A·X = B, by Gaussian elimination (A is symmetric positive definite).
    private static func solve(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        var (a, x) = (a, b)
        let n = a.count
        for pivot in 0..<n {
            for row in pivot + 1..<n {
                let factor = a[row][pivot] / a[pivot][pivot]
                for column in 0..<n { a[row][column] -= factor * a[pivot][column]; x[row][column] -= factor * x[pivot][column] }
            }
        }
        for pivot in stride(from: n - 1, through: 0, by: -1) {
            for column in 0..<n {
                let known = (pivot + 1..<n).reduce(0) { $0 + a[pivot][$1] * x[$1][column] }
                x[pivot][column] = (x[pivot][column] - known) / a[pivot][pivot]
            }
        }
        return x
    }

    /// The damping force at the body's frame origin and the torque about it (world axes), for
    /// the body's `rotation` and its origin's `linear` and `angular` velocities (world axes).
    func wrench(rotation: Quaternion, linear: Vector3, angular: Vector3) -> (force: Vector3, torque: Vector3) {
        let v = rotation.conjugate.rotate(linear), w = rotation.conjugate.rotate(angular)
        let impulse = mass * rotation.conjugate.rotate(gravityStep)
        let momentum = massMatrix.linear.0 * v + massMatrix.linear.1 * w + impulse
        let angularMomentum = massMatrix.angular.0 * v + massMatrix.angular.1 * w + center.cross(impulse)
        let force = rotation.rotate(dampedInverse.linear.0 * momentum + dampedInverse.linear.1 * angularMomentum)
        let torque = rotation.rotate(dampedInverse.angular.0 * momentum + dampedInverse.angular.1 * angularMomentum)
        return (-damping * force, -damping * torque)
    }
}
