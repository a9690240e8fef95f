extension Model {
    /// Parts of the physics a model turns off (MuJoCo's `<option><flag … ="disable">`): all on
    /// unless the file says otherwise.
    public struct Switches: Sendable, Hashable {
        /// Geoms collide (`contact`; `constraint` turns it off too).
        public var contacts = true
        /// Gravity acts (`gravity`).
        public var gravity = true
        /// Joint limits hold (`limit`; `constraint` turns it off too).
        public var limits = true
        /// Joint dry friction acts (`frictionloss`; `constraint` turns it off too).
        public var frictionLoss = true
        /// Equality constraints hold (`equality`; `constraint` turns it off too).
        public var equalities = true
    }
}
