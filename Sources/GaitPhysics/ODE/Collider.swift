internal import CODE
internal import CODEShims

/// Finds contacts before each step and creates ODE contact joints for them, keeping the force
/// each contact applied so that contact forces on a geom can be read after the step.
final class Collider {
    private let world: World
    private let group: OpaquePointer
    private var state: GaitCollision
    private let contype: UnsafeMutableBufferPointer<UInt32>
    private let conaffinity: UnsafeMutableBufferPointer<UInt32>
    private let friction: UnsafeMutableBufferPointer<Double>
    private let condim: UnsafeMutableBufferPointer<Int32>
    private let geomGroups: UnsafeMutableBufferPointer<Int32>
    private let parentGroups: UnsafeMutableBufferPointer<Int32>
    private let contacts: UnsafeMutableBufferPointer<GaitContact>
    /// The overlapping pairs of a step; grown (rarely: never once a model's motion has been
    /// seen) when a step finds more.
    private var pairs: UnsafeMutableBufferPointer<GaitGeomPair>
    /// Per geom: its model body.
    private let geomBodies: UnsafeMutableBufferPointer<Int32>
    /// The body pairs excluded from contact, as ascending keys (lower body << 32 | higher body).
    private let excludedKeys: UnsafeMutableBufferPointer<UInt64>
    /// Per geom: solref (2), solimp (5), solmix, priority and its body's translational inverse weight.
    private let solref: UnsafeMutableBufferPointer<Double>
    private let solimp: UnsafeMutableBufferPointer<Double>
    private let solmix: UnsafeMutableBufferPointer<Double>
    private let priority: UnsafeMutableBufferPointer<Int32>
    private let weight: UnsafeMutableBufferPointer<Double>
    /// The explicit contact pairs, ascending by key (lower geom << 32 | higher geom), and per
    /// pair its friction (2: along each tangent), condim, solref (2) and solimp (5).
    private let explicitKeys: UnsafeMutableBufferPointer<UInt64>
    private let explicitFriction: UnsafeMutableBufferPointer<Double>
    private let explicitCondim: UnsafeMutableBufferPointer<Int32>
    private let explicitSolref: UnsafeMutableBufferPointer<Double>
    private let explicitSolimp: UnsafeMutableBufferPointer<Double>
    /// Per geom: where its mesh's hull corners start in `hullCorners` (-1: not a mesh) and their
    /// count, for MuJoCo's plane-mesh contacts.
    private let hullStart: UnsafeMutableBufferPointer<Int32>
    private let hullCount: UnsafeMutableBufferPointer<Int32>
    private let hullCorners: UnsafeMutableBufferPointer<Double>

    /// Prepares collision for the model's geoms; at most `capacity` contact rows per step report
    /// forces. Geoms of one group (`carriers`: per model body) and of a group and its parent group
    /// (`parentGroups`) do not collide, as in MuJoCo, nor do geoms of `excluded` body pairs;
    /// the geoms of each of `contactPairs` touch with the pair's own settings, whatever these say.
    /// Contacts are MuJoCo's pyramidal friction cones of soft constraints for steps of
    /// `timestep` (its elliptic ones when `ellipticCone`), regularised by the bodies' translational
    /// inverse `weights` (per model body) and the cone's friction by MuJoCo's `impedanceRatio` (see `gait_collide`).
    init(world: World, geoms: [Model.Geom], carriers: [Int?], parentGroups: [Int?], excluded: [Model.BodyPair],
         contactPairs: [Model.ContactPair], timestep: Double, impedanceRatio: Double, ellipticCone: Bool, weights: [Double],
         capacity: Int = 1024) {
        self.world = world
        group = dJointGroupCreate(0)
        contype = .allocate(capacity: max(geoms.count, 1))
        conaffinity = .allocate(capacity: max(geoms.count, 1))
        friction = .allocate(capacity: max(geoms.count, 1))
        condim = .allocate(capacity: max(geoms.count, 1))
        geomGroups = .allocate(capacity: max(geoms.count, 1))
        self.parentGroups = .allocate(capacity: max(parentGroups.count, 1))
        for (index, parent) in parentGroups.enumerated() { self.parentGroups[index] = Int32(parent ?? -1) }
        contacts = .allocate(capacity: capacity)
        pairs = .allocate(capacity: 64 + 8 * geoms.count)
        geomBodies = .allocate(capacity: max(geoms.count, 1))
        let keys = Set(excluded.map { UInt64($0.first) << 32 | UInt64($0.second) }).sorted()
        excludedKeys = .allocate(capacity: max(keys.count, 1))
        for (index, key) in keys.enumerated() { excludedKeys[index] = key }
        let count = max(geoms.count, 1)
        solref = .allocate(capacity: 2 * count)
        solimp = .allocate(capacity: 5 * count)
        solmix = .allocate(capacity: count)
        priority = .allocate(capacity: count)
        weight = .allocate(capacity: count)
        for (index, geom) in geoms.enumerated() {
            for (k, value) in geom.softness.reference.enumerated() { solref[2 * index + k] = value }
            for (k, value) in geom.softness.impedance.enumerated() { solimp[5 * index + k] = value }
            solmix[index] = geom.solmix
            priority[index] = Int32(geom.priority)
            weight[index] = weights[geom.body]
            contype[index] = geom.contype
            conaffinity[index] = geom.conaffinity
            friction[index] = geom.friction
            condim[index] = Int32(geom.condim)
            geomGroups[index] = Int32(carriers[geom.body] ?? -1)
            geomBodies[index] = Int32(geom.body)
        }
        let paired = contactPairs.sorted { ($0.geom1, $0.geom2) < ($1.geom1, $1.geom2) }
        let pairCount = max(paired.count, 1)
        explicitKeys = .allocate(capacity: pairCount)
        explicitFriction = .allocate(capacity: 2 * pairCount)
        explicitCondim = .allocate(capacity: pairCount)
        explicitSolref = .allocate(capacity: 2 * pairCount)
        explicitSolimp = .allocate(capacity: 5 * pairCount)
        for (index, pair) in paired.enumerated() {
            explicitKeys[index] = UInt64(pair.geom1) << 32 | UInt64(pair.geom2)
            for (k, value) in pair.friction.enumerated() { explicitFriction[2 * index + k] = value }
            explicitCondim[index] = Int32(pair.condim)
            for (k, value) in pair.softness.reference.enumerated() { explicitSolref[2 * index + k] = value }
            for (k, value) in pair.softness.impedance.enumerated() { explicitSolimp[5 * index + k] = value }
        }
        var corners: [Double] = []
        hullStart = .allocate(capacity: count)
        hullCount = .allocate(capacity: count)
        hullStart.initialize(repeating: -1)
        hullCount.initialize(repeating: 0)
        for (index, geom) in geoms.enumerated() {
            guard case .mesh(let hull) = geom.shape else { continue }
            hullStart[index] = Int32(corners.count / 3)
            hullCount[index] = Int32(hull.corners.count)
            corners += hull.corners.flatMap { [$0.x, $0.y, $0.z] }
        }
        hullCorners = .allocate(capacity: max(corners.count, 1))
        _ = hullCorners.initialize(from: corners)
        state = GaitCollision(world: world.id, group: group, contype: contype.baseAddress,
                              conaffinity: conaffinity.baseAddress, friction: friction.baseAddress,
                              condim: condim.baseAddress,
                              groups: geomGroups.baseAddress, parentGroups: self.parentGroups.baseAddress,
                              bodies: geomBodies.baseAddress, excluded: excludedKeys.baseAddress, excludedCount: Int32(keys.count),
                              timestep: timestep, impratio: impedanceRatio, elliptic: ellipticCone ? 1 : 0, solref: solref.baseAddress, solimp: solimp.baseAddress,
                              solmix: solmix.baseAddress, priority: priority.baseAddress, weight: weight.baseAddress,
                              explicitKeys: explicitKeys.baseAddress, explicitCount: Int32(paired.count),
                              explicitFriction: explicitFriction.baseAddress, explicitCondim: explicitCondim.baseAddress,
                              explicitSolref: explicitSolref.baseAddress, explicitSolimp: explicitSolimp.baseAddress,
                              hullStart: hullStart.baseAddress, hullCount: hullCount.baseAddress, hullCorners: hullCorners.baseAddress,
                              pairs: pairs.baseAddress, pairCapacity: Int32(pairs.count), pairCount: 0,
                              contacts: contacts.baseAddress, capacity: Int32(capacity),
                              count: 0, unrecorded: 0, points: 0, breakTies: 0)
    }

    deinit {
        dJointGroupDestroy(group)
        contype.deallocate()
        conaffinity.deallocate()
        friction.deallocate()
        condim.deallocate()
        geomGroups.deallocate()
        parentGroups.deallocate()
        contacts.deallocate()
        pairs.deallocate()
        geomBodies.deallocate()
        excludedKeys.deallocate()
        for buffer in [solref, solimp, solmix, weight, explicitFriction, explicitSolref, explicitSolimp, hullCorners] { buffer.deallocate() }
        for buffer in [priority, hullStart, hullCount] { buffer.deallocate() }
        explicitKeys.deallocate()
        explicitCondim.deallocate()
    }

    /// Creates contact joints for every touching pair in `space`; false when ODE failed
    /// (`gait_ode_failure()` says why).
    func collide(_ space: Space) -> Bool {
        while true {
            let result = Int(gait_collide(space.id, &state))
            guard result > 0 else { return result == 0 }
            pairs.deallocate()
            pairs = .allocate(capacity: 2 * result)
            (state.pairs, state.pairCapacity) = (pairs.baseAddress, Int32(pairs.count))
        }
    }

    /// Adds for the coming step one frictionless unilateral row between `first` and `second`
    /// (nil: the world) at `position` along `normal` (ODE frame; `first` is pushed along it),
    /// `depth` into its violation (see `gait_add_soft_row`); `clear` removes it with the contacts.
    func addRow(between first: Body?, _ second: Body?, at position: Vector3, normal: Vector3, depth: Double,
                row: GaitSoftRow, motion: Double) {
        let (a, b, n) = first == nil ? (second, first, -normal) : (first, second, normal)
        withUnsafePointer(to: position) { position in
            withUnsafePointer(to: n) { n in
                position.withMemoryRebound(to: Double.self, capacity: 3) { position in
                    n.withMemoryRebound(to: Double.self, capacity: 3) { n in
                        gait_add_soft_row(world.id, group, a?.id, b?.id, position, n, depth, row, motion)
                    }
                }
            }
        }
    }

    /// Removes the contact joints (after the step has used them); their forces stay readable.
    func clear() { dJointGroupEmpty(group) }

    /// Drops the record of the last step's contacts (after the state was replaced).
    func forget() {
        state.count = 0
        state.unrecorded = 0
        state.points = 0
    }

    /// The number of contact rows made by the last `collide`.
    var count: Int { Int(state.count + state.unrecorded) }

    /// The number of contact points found by the last `collide`.
    var points: Int { Int(state.points) }

    /// Whether `collide` makes each contact row's CFM a part in 10⁶ from the next one's, which
    /// breaks the exact ties ODE's solver can give up on (see `gait_collide`).
    var breaksTies: Bool {
        get { state.breakTies != 0 }
        set { state.breakTies = newValue ? 1 : 0 }
    }

    /// The contacts with force feedback from the last step.
    var recorded: UnsafeMutableBufferPointer<GaitContact> {
        UnsafeMutableBufferPointer(rebasing: contacts[0..<Int(state.count)])
    }
}
