extension Model {
    /// How easily each body and each degree of freedom moves in the reference configuration
    /// (MuJoCo's `body_invweight0` and `dof_invweight0`): the diagonal of J·M⁻¹·Jᵀ, averaged over
    /// the three translations and the three rotations of a body's centre of mass, and M⁻¹'s
    /// diagonal for a degree of freedom (averaged within a free or ball joint's translations and
    /// rotations). Soft contacts scale their regularisation by them, as MuJoCo does.
    public struct InverseWeights: Sendable {
        /// Per body: (translational, rotational); the world and bodies that cannot move have 0.
        public var bodies: [(translation: Double, rotation: Double)]
        /// Per degree of freedom (MuJoCo's qvel layout).
        public var dofs: [Double]
    }
}

extension Model.InverseWeights {
    /// Computes them from the joint-space mass matrix at `positions`.
    init(model: Model, positions: [Double]) {
        let nv = model.velocityCount
        let frames = model.kinematics(positions: positions)
        // Per body: the Jacobians (3 × nv each, column-major) of its centre of mass.
        var translations = [[Double]](repeating: [], count: model.bodies.count)
        var rotations = [[Double]](repeating: [], count: model.bodies.count)
        var mass = [Double](repeating: 0, count: nv * nv)
        for body in model.bodies.indices.dropFirst() {
            let center = frames.bodies[body].apply(model.bodies[body].massProperties.center)
            var jp = [Double](repeating: 0, count: 3 * nv), jr = jp
            var ancestor: Int? = body
            while let current = ancestor, current != 0 {
                for joint in model.bodies[current].joints {
                    let frame = frames.joints[joint], dof = model.velocityOffsets[joint]
                    let definition = model.joints[joint]
                    var columns: [(index: Int, axis: Vector3, turns: Bool, about: Vector3)] = []
                    let anchor = frame.apply(definition.anchor)
                    switch definition.kind {
                    case .hinge: columns = [(dof, frame.rotation.rotate(definition.axis), true, anchor)]
                    case .slide: columns = [(dof, frame.rotation.rotate(definition.axis), false, anchor)]
                    case .ball:
                        columns = (0..<3).map { (dof + $0, frame.rotation.rotate(Self.unit($0)), true, anchor) }
                    case .free:
                        columns = (0..<3).map { (dof + $0, Self.unit($0), false, anchor) }
                            + (0..<3).map { (dof + 3 + $0, frame.rotation.rotate(Self.unit($0)), true, frame.position) }
                    }
                    for column in columns {
                        let linear = column.turns ? column.axis.cross(center - column.about) : column.axis
                        let angular = column.turns ? column.axis : .zero
                        for (row, value) in [linear.x, linear.y, linear.z].enumerated() { jp[3 * column.index + row] = value }
                        for (row, value) in [angular.x, angular.y, angular.z].enumerated() { jr[3 * column.index + row] = value }
                    }
                }
                ancestor = model.bodies[current].parent
            }
            let properties = model.bodies[body].massProperties
            let rotation = frames.bodies[body].rotation.matrix
            let inertia = rotation * properties.inertia * rotation.transposed
            for i in 0..<nv {
                let ri = Vector3(jr[3 * i], jr[3 * i + 1], jr[3 * i + 2])
                let ir = inertia * ri
                for j in 0..<nv {
                    let linear = jp[3 * i] * jp[3 * j] + jp[3 * i + 1] * jp[3 * j + 1] + jp[3 * i + 2] * jp[3 * j + 2]
                    let angular = ir.x * jr[3 * j] + ir.y * jr[3 * j + 1] + ir.z * jr[3 * j + 2]
                    mass[i * nv + j] += properties.mass * linear + angular
                }
            }
            translations[body] = jp
            rotations[body] = jr
        }
        for joint in model.joints.indices where model.joints[joint].armature > 0 {
            for dof in model.velocityOffsets[joint]..<model.velocityOffsets[joint] + model.joints[joint].velocityCount {
                mass[dof * nv + dof] += model.joints[joint].armature
            }
        }
        let inverse = Self.inverted(mass, size: nv)
        /// The mean of the diagonal of J·M⁻¹·Jᵀ for a 3 × nv Jacobian.
        func meanDiagonal(_ jacobian: [Double]) -> Double {
            guard !jacobian.isEmpty else { return 0 }
            var total = 0.0
            for row in 0..<3 {
                for i in 0..<nv where jacobian[3 * i + row] != 0 {
                    for j in 0..<nv { total += jacobian[3 * i + row] * inverse[i * nv + j] * jacobian[3 * j + row] }
                }
            }
            return total / 3
        }
        bodies = model.bodies.indices.map { body in
            // A body on the world moved by slides only, with nothing below it that moves on its
            // own: MuJoCo takes 1/mass and no rotation.
            let joints = model.bodies[body].joints
            let alone = model.subtrees[body].allSatisfy { $0 == body || model.bodies[$0].joints.isEmpty }
            if body != 0, model.bodies[body].parent == 0, !joints.isEmpty, alone,
               joints.allSatisfy({ model.joints[$0].kind == .slide }) {
                return (1 / max(model.bodies[body].massProperties.mass, 1e-15), 0)
            }
            return (meanDiagonal(translations[body]), meanDiagonal(rotations[body]))
        }
        var dofs = (0..<nv).map { inverse[$0 * nv + $0] }
        for joint in model.joints.indices where model.joints[joint].kind == .free || model.joints[joint].kind == .ball {
            let start = model.velocityOffsets[joint]
            let groups = model.joints[joint].kind == .free ? [start..<start + 3, start + 3..<start + 6] : [start..<start + 3]
            for group in groups {
                let mean = group.reduce(0) { $0 + dofs[$1] } / 3
                for dof in group { dofs[dof] = mean }
            }
        }
        self.dofs = dofs
    }

    private static func unit(_ index: Int) -> Vector3 {
        [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)][index]
    }

    /// The inverse of a symmetric positive semi-definite matrix (row-major), by Cholesky; a pivot
    /// below 1e-12 of the largest diagonal entry (a degree of freedom that moves almost nothing)
    /// is raised to that, so that the result stays finite.
    private static func inverted(_ matrix: [Double], size n: Int) -> [Double] {
        let floor = 1e-12 * max((0..<n).map { matrix[$0 * n + $0] }.max() ?? 1, 1e-300)
        var lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                lower[i * n + j] = i == j ? max(sum, floor).squareRoot() : sum / lower[j * n + j]
            }
        }
        var inverse = [Double](repeating: 0, count: n * n)
        for column in 0..<n {
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var sum = i == column ? 1.0 : 0
                for k in 0..<i { sum -= lower[i * n + k] * y[k] }
                y[i] = sum / lower[i * n + i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = y[i]
                for k in i + 1..<n { sum -= lower[k * n + i] * inverse[k * n + column] }
                inverse[i * n + column] = sum / lower[i * n + i]
            }
        }
        return inverse
    }
}
