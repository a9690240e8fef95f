// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Gait",
    products: [
        .library(name: "GaitPhysics", targets: ["GaitPhysics"]),
        .library(name: "GaitCore", targets: ["GaitCore"]),
        .library(name: "GaitEnvs", targets: ["GaitEnvs"]),
        .library(name: "GaitNN", targets: ["GaitNN"]),
        .library(name: "GaitAgents", targets: ["GaitAgents"]),
        .executable(name: "gait-bench", targets: ["gait-bench"]),
    ],
    targets: [
        .systemLibrary(name: "CODE", pkgConfig: "ode", providers: [.apt(["libode-dev"])]),
        .target(name: "CODEShims", dependencies: ["CODE"]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "GaitPhysics", dependencies: ["CODE", "CODEShims"]),
        .target(name: "GaitCore"),
        .target(name: "GaitAssets", path: "Assets", resources: [.embedInCode("robots")]),
        .target(name: "GaitEnvs", dependencies: ["GaitCore", "GaitPhysics", "GaitAssets"]),
        .target(name: "GaitNN", dependencies: ["GaitCore", "COpenBLAS"]),
        .target(name: "GaitAgents", dependencies: ["GaitCore", "GaitNN"]),
        .executableTarget(name: "gait-bench", dependencies: ["GaitPhysics", "GaitCore", "GaitEnvs", "GaitAssets", "GaitNN", "GaitAgents",
                                         "COpenBLAS"],
                          path: "Benchmarks/GaitBench"),
        .testTarget(name: "GaitPhysicsTests", dependencies: ["GaitPhysics"]),
        .testTarget(name: "GaitCoreTests", dependencies: ["GaitCore"]),
        .target(name: "CHeapStatistics", path: "Tests/CHeapStatistics"),
        .testTarget(name: "GaitNNTests", dependencies: ["GaitNN", "GaitCore", "CHeapStatistics"]),
        .testTarget(name: "GaitAgentsTests", dependencies: ["GaitAgents", "GaitNN", "GaitCore", "GaitEnvs"]),
        .testTarget(name: "GaitEnvsTests", dependencies: ["GaitEnvs", "GaitCore", "GaitPhysics"]),
    ],
    swiftLanguageModes: [.v6]
)
