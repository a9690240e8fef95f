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
        /// Per tree of bodies on the world: its degrees of freedom and its block of M⁻¹ (row-major).
        var inverses: [(dofs: [Int], inverse: [Double])] = []

        /// J·M⁻¹·Jᵀ for a row J over degrees of freedom (each with its coefficient): MuJoCo's
        /// `tendon_invweight0` for a fixed tendon's joints and coefficients.
        public func weight(of row: [(dof: Int, coefficient: Double)]) -> Double {
            var total = 0.0
            for tree in inverses {
                let n = tree.dofs.count
                let local = row.compactMap { term in tree.dofs.firstIndex(of: term.dof).map { ($0, term.coefficient) } }
                for (i, ci) in local { for (j, cj) in local { total += ci * tree.inverse[i * n + j] * cj } }
            }
            return total
        }

        /// J·M⁻¹ for a row J over degrees of freedom: how the row's acceleration answers a unit
        /// generalized force on each degree of freedom (those it answers at all).
        public func response(of row: [(dof: Int, coefficient: Double)]) -> [(dof: Int, value: Double)] {
            var response: [(dof: Int, value: Double)] = []
            for tree in inverses {
                let n = tree.dofs.count
                let local = row.compactMap { term in tree.dofs.firstIndex(of: term.dof).map { ($0, term.coefficient) } }
                guard !local.isEmpty else { continue }
                for (k, dof) in tree.dofs.enumerated() {
                    let value = local.reduce(0) { $0 + $1.1 * tree.inverse[$1.0 * n + k] }
                    if value != 0 { response.append((dof, value)) }
                }
            }
            return response
        }
    }
}

extension Model.InverseWeights {
    /// Computes them from the joint-space mass matrix at `positions`. The bodies on the world
    /// move apart from one another (the matrix is block-diagonal by tree), so each tree's block
    /// is built and inverted alone: a model of many small trees costs little.
    init(model: Model, positions: [Double]) {
        let frames = model.kinematics(positions: positions)
        let trees = model.bodies.indices.filter { model.bodies[$0].parent == 0 }.map { Tree(root: $0, model: model, frames: frames) }
        let largest = trees.flatMap { tree in (0..<tree.dofs.count).map { tree.mass[$0 * tree.dofs.count + $0] } }.max() ?? 1
        let floor = 1e-12 * max(largest, 1e-300)
        var bodies = [(translation: Double, rotation: Double)](repeating: (0, 0), count: model.bodies.count)
        var dofs = [Double](repeating: 0, count: model.velocityCount)
        var inverses: [(dofs: [Int], inverse: [Double])] = []
        for tree in trees {
            let n = tree.dofs.count
            let inverse = Self.inverted(tree.mass, size: n, floor: floor)
            /// The mean of the diagonal of J·M⁻¹·Jᵀ for a 3 × n Jacobian.
            func meanDiagonal(_ jacobian: [Double]) -> Double {
                var total = 0.0
                for row in 0..<3 {
                    for i in 0..<n where jacobian[3 * i + row] != 0 {
                        for j in 0..<n { total += jacobian[3 * i + row] * inverse[i * n + j] * jacobian[3 * j + row] }
                    }
                }
                return total / 3
            }
            for (local, dof) in tree.dofs.enumerated() { dofs[dof] = inverse[local * n + local] }
            for (index, body) in tree.bodies.enumerated() {
                if Self.slidesOnly(body, in: model) {
                    // MuJoCo takes 1/mass and no rotation, for the body and its slides alike
                    // (their armature left out).
                    let weight = 1 / max(model.bodies[body].massProperties.mass, Model.smallestValue)
                    bodies[body] = (weight, 0)
                    for joint in model.bodies[body].joints { dofs[model.velocityOffsets[joint]] = weight }
                } else {
                    bodies[body] = (meanDiagonal(tree.translations[index]), meanDiagonal(tree.rotations[index]))
                }
            }
            inverses.append((tree.dofs, inverse))
        }
        for joint in model.joints.indices where model.joints[joint].kind == .free || model.joints[joint].kind == .ball {
            let start = model.velocityOffsets[joint]
            let groups = model.joints[joint].kind == .free ? [start..<start + 3, start + 3..<start + 6] : [start..<start + 3]
            for group in groups {
                let mean = group.reduce(0) { $0 + dofs[$1] } / 3
                for dof in group { dofs[dof] = mean }
            }
        }
        self.bodies = bodies
        self.dofs = dofs
        self.inverses = inverses
    }

    /// Whether a body is what MuJoCo calls simple and moved by slides only (`body_simple` 2):
    /// on the world (or on a body welded to it), without children, its centre of mass at its
    /// origin and its inertia's axes its own, moved only by slides at its origin along a
    /// coordinate axis.
    private static func slidesOnly(_ body: Int, in model: Model) -> Bool {
        let definition = model.bodies[body], mass = definition.massProperties, inertia = mass.inertia
        guard let parent = definition.parent, parent == 0 || (model.bodies[parent].parent == 0 && model.bodies[parent].joints.isEmpty),
              !definition.joints.isEmpty, !model.bodies.contains(where: { $0.parent == body }),
              mass.center == .zero, inertia.xy == 0, inertia.xz == 0, inertia.yz == 0 else { return false }
        return definition.joints.allSatisfy { index in
            let joint = model.joints[index]
            return joint.kind == .slide && joint.anchor == .zero && [joint.axis.x, joint.axis.y, joint.axis.z].filter { abs($0) > Model.epsilon }.count == 1
        }
    }

    /// One tree of bodies on the world: its bodies, its degrees of freedom (model indices), its
    /// block of the mass matrix and each body's centre-of-mass Jacobians (3 × dofs, column-major)
    /// over those degrees of freedom.
    private struct Tree {
        let bodies: [Int]
        let dofs: [Int]
        var mass: [Double]
        var translations: [[Double]] = [], rotations: [[Double]] = []

        init(root: Int, model: Model, frames: (bodies: [Pose], joints: [Pose])) {
            bodies = model.subtrees[root]
            dofs = bodies.flatMap { model.bodies[$0].joints }
                .flatMap { model.velocityOffsets[$0]..<model.velocityOffsets[$0] + model.joints[$0].velocityCount }
            let n = dofs.count
            let local = Dictionary(uniqueKeysWithValues: dofs.enumerated().map { ($1, $0) })
            mass = [Double](repeating: 0, count: n * n)
            for body in bodies {
                let center = frames.bodies[body].apply(model.bodies[body].massProperties.center)
                var jp = [Double](repeating: 0, count: 3 * n), jr = jp
                for column in model.jacobian(at: center, on: body, frames: frames) {
                    let index = local[column.dof]!
                    for (row, value) in [column.linear.x, column.linear.y, column.linear.z].enumerated() { jp[3 * index + row] = value }
                    for (row, value) in [column.angular.x, column.angular.y, column.angular.z].enumerated() { jr[3 * index + row] = value }
                }
                let properties = model.bodies[body].massProperties
                let rotation = frames.bodies[body].rotation.matrix
                let inertia = rotation * properties.inertia * rotation.transposed
                for i in 0..<n {
                    let ir = inertia * Vector3(jr[3 * i], jr[3 * i + 1], jr[3 * i + 2])
                    for j in 0..<n {
                        let linear = jp[3 * i] * jp[3 * j] + jp[3 * i + 1] * jp[3 * j + 1] + jp[3 * i + 2] * jp[3 * j + 2]
                        let angular = ir.x * jr[3 * j] + ir.y * jr[3 * j + 1] + ir.z * jr[3 * j + 2]
                        mass[i * n + j] += properties.mass * linear + angular
                    }
                }
                translations.append(jp)
                rotations.append(jr)
            }
            for joint in bodies.flatMap({ model.bodies[$0].joints }) where model.joints[joint].armature > 0 {
                for dof in model.velocityOffsets[joint]..<model.velocityOffsets[joint] + model.joints[joint].velocityCount {
                    mass[local[dof]! * n + local[dof]!] += model.joints[joint].armature
                }
            }
        }
    }

    /// The inverse of a symmetric positive semi-definite matrix (row-major), by Cholesky; a pivot
    /// below `floor` (1e-12 of the mass matrix's largest diagonal entry: a degree of freedom that
    /// moves almost nothing) is raised to that, so that the result stays finite.
    private static func inverted(_ matrix: [Double], size n: Int, floor: Double) -> [Double] {
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
