/// A type that vends environment specifications. Register plugins by listing their types when
/// building an `EnvironmentRegistry`; nothing is discovered at run time.
public protocol EnvironmentPlugin: SendableMetatype {
    /// A short name for the plugin (shown in listings).
    static var name: String { get }
    /// The environments this plugin provides.
    static var environments: [EnvironmentSpec] { get }
}
