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
        .library(name: "GaitCLI", targets: ["GaitCLI"]),
        .executable(name: "gait", targets: ["gait"]),
        .executable(name: "gait-bench", targets: ["gait-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
        .target(name: "GaitCLI", dependencies: ["GaitCore", "GaitEnvs", "GaitNN", "GaitAgents",
                                                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                                .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "gait", dependencies: ["GaitCLI", "GaitEnvs"]),
        .executableTarget(name: "gait-bench", dependencies: ["GaitPhysics", "GaitCore", "GaitEnvs", "GaitAssets", "GaitNN", "GaitAgents",
                                         "COpenBLAS"],
                          path: "Benchmarks/GaitBench"),
        .testTarget(name: "GaitPhysicsTests", dependencies: ["GaitPhysics"]),
        .testTarget(name: "GaitCoreTests", dependencies: ["GaitCore"]),
        .target(name: "CHeapStatistics", path: "Tests/CHeapStatistics"),
        .testTarget(name: "GaitNNTests", dependencies: ["GaitNN", "GaitCore", "CHeapStatistics"]),
        .testTarget(name: "GaitAgentsTests", dependencies: ["GaitAgents", "GaitNN", "GaitCore", "GaitEnvs"]),
        .testTarget(name: "GaitEnvsTests", dependencies: ["GaitEnvs", "GaitCore", "GaitPhysics"]),
        .testTarget(name: "GaitCLITests", dependencies: ["GaitCLI", "GaitCore", "GaitEnvs", "GaitAgents", "GaitNN"]),
    ],
    swiftLanguageModes: [.v6]
)
