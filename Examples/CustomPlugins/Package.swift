// swift-tools-version: 6.1
import PackageDescription

// An environment and an agent that live outside Gait: their own plugins, their own `gait`-style
// command line that knows the built-in environments and agents and these, and Gait's C ABI with
// them all, for Python.
let package = Package(
    name: "CustomPlugins",
    products: [
        // Gait's C ABI with MountainCar and random search added, for Python: GAIT_LIBRARY=<bin>/libCustomGait.so python3 …
        .library(name: "CustomGait", type: .dynamic, targets: ["CustomGait"]),
    ],
    dependencies: [
        .package(name: "Gait", path: "../.."),
    ],
    targets: [
        .target(name: "MountainCar", dependencies: [.product(name: "GaitCore", package: "Gait")]),
        .target(name: "RandomSearch", dependencies: [.product(name: "GaitAgents", package: "Gait")]),
        .executableTarget(name: "custom-gait", dependencies: [
            "MountainCar", "RandomSearch",
            .product(name: "GaitCLI", package: "Gait"),
            .product(name: "GaitEnvs", package: "Gait"),
        ]),
        .target(name: "CustomGait", dependencies: [
            "MountainCar", "RandomSearch",
            .product(name: "GaitABIStatic", package: "Gait"),
            .product(name: "GaitEnvs", package: "Gait"),
        ]),
        .testTarget(name: "MountainCarTests", dependencies: ["MountainCar", .product(name: "GaitCore", package: "Gait")]),
        .testTarget(name: "RandomSearchTests", dependencies: [
            "RandomSearch",
            .product(name: "GaitAgents", package: "Gait"),
            .product(name: "GaitCore", package: "Gait"),
            .product(name: "GaitEnvs", package: "Gait"),
            .product(name: "GaitNN", package: "Gait"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
