import Foundation
import GaitFuzzTargets

/// `gait-fuzz`: Gait's file readers (see `FuzzTarget`) and its C ABI (`c-abi`, see `ABICalls`)
/// under libFuzzer.
///
///     gait-fuzz seeds TARGET FOLDER     writes the target's seed inputs into FOLDER
///     gait-fuzz run TARGET FILE…        feeds each file to the target once
///     gait-fuzz fuzz TARGET [libFuzzer options and corpus folders]
///
/// `fuzz` needs a build with `-sanitize=fuzzer,address -DFUZZING` (see `scripts/fuzz`).
@main
struct GaitFuzz {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = Target.names.joined(separator: "|")
        guard arguments.count >= 2, let target = Target(name: arguments[1]) else {
            fail("usage: gait-fuzz seeds|run|fuzz \(names) …")
        }
        switch arguments[0] {
        case "seeds" where arguments.count == 3:
            let folder = URL(fileURLWithPath: arguments[2])
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (index, seed) in try target.seeds().enumerated() {
                try seed.write(to: folder.appendingPathComponent("seed-\(index)"))
            }
        case "run":
            for path in arguments.dropFirst(2) {
                target.run(try Data(contentsOf: URL(fileURLWithPath: path)))
                print("ran \(path)")
            }
        case "fuzz":
            fuzz(target, options: Array(arguments.dropFirst(2)))
        default:
            fail("usage: gait-fuzz seeds|run|fuzz \(names) …")
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("gait-fuzz: \(message)\n".utf8))
        exit(2)
    }

    #if FUZZING
    /// The target libFuzzer's callback feeds (a C callback cannot capture it).
    nonisolated(unsafe) static var selected = Target.file(.mjcf)

    /// Hands control to libFuzzer with `options` as its command line.
    static func fuzz(_ target: Target, options: [String]) -> Never {
        selected = target
        var arguments = ([CommandLine.arguments[0]] + options).map { strdup($0) }
        arguments.append(nil)
        var count = CInt(options.count + 1)
        let status = arguments.withUnsafeMutableBufferPointer { buffer in
            var vector = buffer.baseAddress
            return LLVMFuzzerRunDriver(&count, &vector) { bytes, size in
                GaitFuzz.selected.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
                return 0
            }
        }
        exit(status)
    }
    #else
    static func fuzz(_ target: Target, options: [String]) -> Never {
        fail("this build has no fuzzer; build it with scripts/fuzz")
    }
    #endif
}

/// A file reader, or the C ABI.
enum Target {
    case file(FuzzTarget)
    case cABI

    static let names = FuzzTarget.allCases.map(\.rawValue) + ["c-abi"]

    init?(name: String) {
        if name == "c-abi" { self = .cABI } else if let file = FuzzTarget(rawValue: name) { self = .file(file) } else { return nil }
    }

    func run(_ data: Data) {
        switch self {
        case .file(let target): target.run(data)
        case .cABI: ABICalls.run(data)
        }
    }

    func seeds() throws -> [Data] {
        switch self {
        case .file(let target): try target.seeds()
        case .cABI: ABICalls.seeds()
        }
    }
}

#if FUZZING
/// libFuzzer's entry point for programs with their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt
#endif
