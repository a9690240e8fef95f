/// The robot models of `Assets/robots`, embedded into the binary at build time.
public enum RobotAssets {
    /// The MJCF text of each robot, by file name without extension.
    public static let models: [String: [UInt8]] = [
        "walker": PackageResources.walker_xml,
        "cheetah": PackageResources.cheetah_xml,
        "hopper": PackageResources.hopper_xml,
        "quadruped": PackageResources.quadruped_xml,
        "humanoid": PackageResources.humanoid_xml,
    ]

    /// The MJCF text of the robot `name`, if there is one.
    public static func mjcf(_ name: String) -> String? {
        models[name].map { String(decoding: $0, as: UTF8.self) }
    }
}
