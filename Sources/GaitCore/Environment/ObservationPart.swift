/// One named part of a task's observation (dm_control's observation `OrderedDict` entries):
/// the observation is the parts' values laid end to end, in declaration order.
public struct ObservationPart: Sendable, Hashable {
    /// The part's name, such as `joint_angles` or `head_height`.
    public let name: String
    /// How many values it takes.
    public let size: Int

    /// A part of `size` values called `name`.
    public init(_ name: String, size: Int) {
        self.name = name
        self.size = size
    }
}
