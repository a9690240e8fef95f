// swift-tools-version: 6.1
import PackageDescription

// An environment that lives outside Gait: its own plugin, and its own `gait`-style command line
// that knows both the built-in environments and this one.
let package = Package(
    name: "CustomEnvironment",
    dependencies: [
        .package(name: "Gait", path: "../.."),
    ],
    targets: [
        .target(name: "MountainCar", dependencies: [.product(name: "GaitCore", package: "Gait")]),
        .executableTarget(name: "custom-gait", dependencies: [
            "MountainCar",
            .product(name: "GaitCLI", package: "Gait"),
            .product(name: "GaitEnvs", package: "Gait"),
        ]),
        .testTarget(name: "MountainCarTests", dependencies: ["MountainCar", .product(name: "GaitCore", package: "Gait")]),
    ],
    swiftLanguageModes: [.v6]
)
