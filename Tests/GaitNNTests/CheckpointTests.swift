import Foundation
import Testing
import GaitCore
@testable import GaitNN

@Suite("Safetensors checkpoints")
struct CheckpointTests {
    private func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gait-\(UUID())-\(name)")
    }

    private func network(seed: UInt64) -> MLP {
        var random = RandomSource(seed: seed)
        return MLP(sizes: [17, 64, 64, 6], activation: .tanh, random: &random)
    }

    @Test("a network round-trips through a file bit for bit, with its metadata")
    func roundTrip() throws {
        let original = network(seed: 1)
        let url = temporary("actor.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors(tensors: original.tensors(prefix: "actor"), metadata: ["step": "1000", "agent": "sac"]).write(to: url)
        let file = try Safetensors(contentsOf: url)
        #expect(file.metadata == ["step": "1000", "agent": "sac"])
        let copy = network(seed: 2)
        #expect(Array(copy.parameters) != Array(original.parameters))
        try copy.load(from: file, prefix: "actor")
        #expect(Array(copy.parameters).map(\.bitPattern) == Array(original.parameters).map(\.bitPattern))
    }

    @Test("empty tensors round-trip beside others, in any order of names")
    func emptyTensors() throws {
        var state = StateDictionary()
        for name in ["a", "m", "z"] { state.set(name, floats: []) }
        state.set("b", floats: [1, 2])
        state.set("y", floats: [3])
        let decoded = StateDictionary(try Safetensors(decoding: state.file.encoded()))
        #expect(try decoded.floats("b", count: 2) == [1, 2] && decoded.floats("y", count: 1) == [3])
        #expect(try decoded.floats("m", count: 0).isEmpty)
    }

    @Test("Python's safetensors and numpy read a Gait checkpoint")
    func readableFromPython() throws {
        let original = network(seed: 3)
        let url = temporary("python.safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try Safetensors(tensors: original.tensors(prefix: "actor"), metadata: ["gait": "yes"]).write(to: url)
        let script = """
            import sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            tensors = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="numpy") as f:
                print(f.metadata()["gait"])
            for name in sorted(tensors):
                t = tensors[name]
                print(name, str(t.dtype), list(t.shape), repr(float(t.astype("float64").sum())))
            """
        let text = try Self.python(script, [url.path])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "yes")
        let tensors = original.tensors(prefix: "actor")
        #expect(lines.count == tensors.count + 1)
        for line in lines.dropFirst() {
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            let tensor = try #require(tensors[fields[0]])
            #expect(fields[1] == "float32")
            let rest = fields[2]
            #expect(rest.hasPrefix("\(tensor.shape)"), "\(line)")
            let sum = try #require(Double(rest.split(separator: " ").last!))
            #expect(abs(sum - tensor.values.reduce(0.0) { $0 + Double($1) }) < 1e-9)
        }
    }

    @Test("a layer-normalised network loads into PyTorch's nn.Sequential(Linear, LayerNorm, ReLU, …) unchanged and computes what it computes, gradients included")
    func layerNormalizedAsInPyTorch() throws {
        var random = RandomSource(seed: 4)
        let network = MLP(sizes: [7, 16, 16, 1], layerNormalized: true, random: &random)
        for normalization in network.normalizations {
            for j in 0..<normalization.parameterCount { network.parameters[normalization.offset + j] += Float(random.uniform(-0.5...0.5)) }
        }
        let input = Matrix(rows: 5, columns: 7, elements: (0..<35).map { _ in Float(random.uniform(-2...2)) })
        let output = network.forward(input).elements
        network.backward(Matrix(rows: 5, columns: 1, elements: [Float](repeating: 1, count: 5)))
        let (url, answer) = (temporary("layer-norm.safetensors"), temporary("torch.safetensors"))
        defer { for file in [url, answer] { try? FileManager.default.removeItem(at: file) } }
        var tensors = network.tensors(prefix: "q")
        tensors["input"] = .init(shape: [5, 7], values: input.elements)
        try Safetensors(tensors: tensors, metadata: [:]).write(to: url)
        let script = """
            import sys, torch
            from safetensors.torch import load_file, save_file
            tensors = load_file(sys.argv[1])
            layers = [torch.nn.Linear(7, 16), torch.nn.LayerNorm(16), torch.nn.ReLU(),
                      torch.nn.Linear(16, 16), torch.nn.LayerNorm(16), torch.nn.ReLU(), torch.nn.Linear(16, 1)]
            network = torch.nn.Sequential(*layers)
            network.load_state_dict({name[2:]: value for name, value in tensors.items() if name.startswith("q.")}, strict=True)
            output = network(tensors["input"])
            output.sum().backward()
            gradients = {"q." + name: parameter.grad for name, parameter in network.named_parameters()}
            save_file({"output": output.detach().contiguous(), **gradients}, sys.argv[2])
            """
        _ = try Self.python(script, [url.path, answer.path])
        let torch = try Safetensors(contentsOf: answer)
        let torchOutput = try #require(torch.tensors["output"]).values
        #expect(zip(output, torchOutput).allSatisfy { abs($0 - $1) < 1e-5 }, "Gait \(output), PyTorch \(torchOutput)")
        // Gait's gradients, named as its parameters are.
        network.parameters.baseAddress!.update(from: network.gradients.baseAddress!, count: network.parameterCount)
        let gradients = network.tensors(prefix: "q")
        #expect(Set(gradients.keys) == Set(torch.tensors.keys).subtracting(["output"]))
        for (name, gradient) in gradients {
            let expected = try #require(torch.tensors[name]).values
            #expect(zip(gradient.values, expected).allSatisfy { abs($0 - $1) < 1e-4 * max(1, abs($1)) }, "\(name)")
        }
    }

    /// Runs `script` with `arguments` in the checkout's virtual environment, where the test
    /// requirements live (`scripts/setup --tests`); returns what it printed.
    private static func python(_ script: String, _ arguments: [String]) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let venv = ProcessInfo.processInfo.environment["GAIT_VENV"].map { URL(fileURLWithPath: $0, relativeTo: root) }
            ?? root.appendingPathComponent(".venv")
        let python = venv.appendingPathComponent("bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path),
                     "no \(python.path): run scripts/setup --tests first")
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python failed: \(text)")
        return text
    }

    @Test("truncated or corrupted files and mismatched networks give clear errors")
    func damagedFiles() throws {
        let data = Safetensors(tensors: network(seed: 4).tensors(prefix: "q")).encoded()
        #expect(throws: CheckpointError.truncated(path: "c")) { try Safetensors(decoding: data.prefix(data.count - 10), path: "c") }
        #expect(throws: CheckpointError.truncated(path: "c")) { try Safetensors(decoding: data.prefix(4), path: "c") }
        var dataFlip = data
        dataFlip[data.count - 7] ^= 0x01
        #expect(throws: CheckpointError.corrupted(path: "c", reason: "the data checksum does not match")) {
            try Safetensors(decoding: dataFlip, path: "c")
        }
        var headerFlip = data
        headerFlip[9] = 0x7B
        #expect(throws: CheckpointError.corrupted(path: "c", reason: "the JSON header is unreadable")) {
            try Safetensors(decoding: headerFlip, path: "c")
        }
        let file = try Safetensors(decoding: data)
        var random = RandomSource(seed: 1)
        let wrong = MLP(sizes: [17, 32, 64, 6], random: &random)
        #expect(throws: CheckpointError.shapeMismatch(name: "q.0.weight", expected: [32, 17], found: [64, 17])) {
            try wrong.load(from: file, prefix: "q")
        }
        #expect(throws: CheckpointError.missingTensor(name: "pi.0.weight")) { try wrong.load(from: file, prefix: "pi") }
        let before = Array(wrong.parameters)
        #expect(Array(wrong.parameters) == before, "a failed load changes nothing")
        var f64 = Array("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}".utf8)
        while f64.count % 8 != 0 { f64.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(f64.count).littleEndian) { bytes += $0 }
        bytes += f64 + [UInt8](repeating: 0, count: 8)
        #expect(throws: CheckpointError.unsupported(path: "c", reason: "tensor 'w' is F64; Gait checkpoints hold F32 tensors only")) {
            try Safetensors(decoding: Data(bytes), path: "c")
        }
        #expect(throws: CheckpointError.self) { try Safetensors(contentsOf: URL(fileURLWithPath: "/nonexistent/x.safetensors")) }
    }

    /// A safetensors file with one tensor header entry `entry` and `dataBytes` zero bytes of data.
    private func file(header entry: String, dataBytes: Int) -> Data {
        var json = Array("{\"w\":\(entry)}".utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes += $0 }
        return Data(bytes + json + [UInt8](repeating: 0, count: dataBytes))
    }

    @Test("shapes whose size overflows, and numbers that are not finite or not counts, are refused before use")
    func hostileNumbers() throws {
        for shape in ["[2305843009213693952]", "[4294967296,4294967296]", "[-1]", "[1e300]", "[3037000500,3037000500,2]"] {
            let data = file(header: "{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[0,8]}", dataBytes: 8)
            #expect(throws: CheckpointError.self) { try Safetensors(decoding: data, path: "c") }
        }
        let good = file(header: "{\"dtype\":\"F32\",\"shape\":[2,0,5],\"data_offsets\":[0,0]}", dataBytes: 0)
        #expect(try Safetensors(decoding: good).tensors["w"]?.values.isEmpty == true)

        var state = StateDictionary()
        for (name, text) in [("nan", "nan"), ("huge", "1e300"), ("negative", "-7"), ("fraction", "2.5"), ("list", "1,inf")] {
            state.set(name, text: text)
        }
        for name in ["nan", "huge", "negative", "fraction", "list"] {
            #expect(throws: CheckpointError.self) { try state.counts(name) }
        }
        #expect(throws: CheckpointError.self) { try state.numbers("nan") }
        #expect(try state.numbers("nan", allowingNonFinite: true)[0].isNaN)
        #expect(throws: CheckpointError.self) { try state.int("huge", in: 0...Int.max) }
        state.set("flags", floats: [0, 1, 300])
        #expect(throws: CheckpointError.self) { try state.wholeFloats("flags", count: 3, in: 0...3) }
        state.set("zeros", numbers: [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(throws: CheckpointError.self) { try state.random("zeros") }

        let adam = Adam(parameterCount: 2, learningRate: 0.1)
        state.set("adam", optimizer: adam)
        for learningRate in ["-1", "1e300"] {
            state.set("adam.lr", text: learningRate)
            #expect(throws: CheckpointError.self) { try state.load("adam", into: adam) }
        }
        state.set("adam.lr", text: "0")
        try state.load("adam", into: adam)
        #expect(adam.learningRate == 0)
    }
}
