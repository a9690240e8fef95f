/// How a rigid body moves: its angular velocity and the velocity of the point of it that lies at
/// the world origin, so that any point of it moves at `linear + angular × point`. The twists of
/// the joints along a chain add up to the twist of the body at its end.
struct Twist {
    var angular: Vector3
    var linear: Vector3

    static let zero = Twist(angular: .zero, linear: .zero)

    /// A turn at `rate` about the world `axis` through `point`.
    init(turningAt rate: Vector3, about point: Vector3) {
        angular = rate
        linear = point.cross(rate)
    }

    init(angular: Vector3, linear: Vector3) {
        self.angular = angular
        self.linear = linear
    }

    /// The velocity of the body's point at `point` (world coordinates).
    func velocity(at point: Vector3) -> Vector3 { linear + angular.cross(point) }

    static func + (lhs: Twist, rhs: Twist) -> Twist {
        Twist(angular: lhs.angular + rhs.angular, linear: lhs.linear + rhs.linear)
    }
}
