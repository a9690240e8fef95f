// swift-tools-version: 6.1
import PackageDescription

// An environment that lives outside Gait: its own plugin, its own `gait`-style command line that
// knows both the built-in environments and this one, and Gait's C ABI with both, for Python.
let package = Package(
    name: "CustomEnvironment",
    products: [
        // Gait's C ABI with MountainCar added, for Python: GAIT_LIBRARY=<bin>/libCustomGait.so python3 …
        .library(name: "CustomGait", type: .dynamic, targets: ["CustomGait"]),
    ],
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
        .target(name: "CustomGait", dependencies: [
            "MountainCar",
            .product(name: "GaitABIStatic", package: "Gait"),
            .product(name: "GaitEnvs", package: "Gait"),
        ]),
        .testTarget(name: "MountainCarTests", dependencies: ["MountainCar", .product(name: "GaitCore", package: "Gait")]),
    ],
    swiftLanguageModes: [.v6]
)
