// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Gait",
    products: [
        .library(name: "GaitPhysics", targets: ["GaitPhysics"]),
        .executable(name: "gait-bench-physics", targets: ["gait-bench-physics"]),
    ],
    targets: [
        .systemLibrary(name: "CODE", pkgConfig: "ode", providers: [.apt(["libode-dev"])]),
        .target(name: "CODEShims", dependencies: ["CODE"]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "GaitPhysics", dependencies: ["CODE", "CODEShims"]),
        .executableTarget(name: "gait-bench-physics", dependencies: ["GaitPhysics"], path: "Benchmarks/PhysicsBenchmark"),
        .testTarget(
            name: "GaitPhysicsTests",
            dependencies: ["GaitPhysics"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
