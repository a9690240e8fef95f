import Foundation
import GaitABI

/// The C ABI under random call sequences: an input is read as up to 64 calls (create, reset,
/// step, snapshot, restore, render, describe and close environments and vector environments) on
/// at most four live handles of each kind, with fuzzed ids, options, seeds, counts, sizes,
/// actions and snapshot bytes. Arguments stay within what the header documents as the caller's
/// duty (handles live or null, buffers of the sizes the environment describes); everything else
/// must end in an error (−1), never a crash, a trap or a hang.
enum ABICalls {
    static let ids = ["pendulum", "lqr", "walker-walk", "cheetah-run", "hopper-hop", "humanoid-stand", "quadruped-walk", "no-such-env", ""]
    static let counts = [-1, 0, 1, 2, 3, 8, 4097, Int.max, Int.min]
    static let sizes = [-1, 0, 15, 16, 17, 48, 4097, Int.max]
    /// Floats per buffer: enough for 8 copies of the largest observation, action and info.
    static let capacity = 1 << 14

    /// Runs the calls `data` encodes.
    static func run(_ data: Data) {
        var bytes = FuzzBytes(data)
        var environments: [UnsafeMutableRawPointer] = [], vectors: [UnsafeMutableRawPointer] = []
        var snapshot: [UInt8] = []
        let floats = UnsafeMutablePointer<Float>.allocate(capacity: capacity), finals = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        let doubles = UnsafeMutablePointer<Double>.allocate(capacity: capacity), flags = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        let actions = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        defer {
            environments.forEach { gaitEnvClose($0) }
            vectors.forEach { gaitVecClose($0) }
            [floats, finals, actions].forEach { $0.deallocate() }
            doubles.deallocate()
            flags.deallocate()
        }
        var reward = 0.0
        for _ in 0..<64 {
            guard let operation = bytes.byte() else { break }
            // (No live handle: the calls get a null one.)
            let (pickedEnvironment, pickedVector) = (Int(bytes.byte() ?? 0), Int(bytes.byte() ?? 0))
            let environment = environments.isEmpty ? nil : environments[pickedEnvironment % environments.count]
            let vector = vectors.isEmpty ? nil : vectors[pickedVector % vectors.count]
            let seed = bytes.u64(), hasSeed = Int32(bytes.byte() ?? 0) % 2
            // Enough actions for 8 copies of the largest robot (21 actions).
            for index in 0..<8 * 21 { actions[index] = bytes.float() }
            switch operation % 12 {
            case 0 where environments.count < 4:
                var handle: UnsafeMutableRawPointer?
                let created = ids[Int(bytes.byte() ?? 0) % ids.count].withCString { id in
                    bytes.options().withCString { gaitEnvCreate(id, seed, hasSeed, bytes.flag() ? $0 : nil, &handle) }
                }
                if created == 0, let handle { environments.append(handle) }
            case 1: _ = gaitEnvReset(environment, seed, hasSeed, floats, doubles, Int(bytes.byte() ?? 0) % 65)
            case 2: _ = gaitEnvStep(environment, actions, floats, &reward, doubles, Int(bytes.byte() ?? 0) % 65)
            case 3:
                var text: UnsafeMutablePointer<UInt8>?, length = 0
                if gaitEnvSnapshot(environment, &text, &length) == 0, let text {
                    snapshot = Array(UnsafeBufferPointer(start: text, count: length))
                    gaitFree(text)
                }
            case 4:
                var changed = snapshot
                while bytes.flag(), !changed.isEmpty, let at = bytes.byte(), let value = bytes.byte() {
                    changed[Int(at) * 7 % changed.count] ^= value
                }
                _ = gaitEnvRestore(environment, changed, changed.count)
            case 5:
                let width = sizes[Int(bytes.byte() ?? 0) % sizes.count], height = sizes[Int(bytes.byte() ?? 0) % sizes.count]
                // Within the documented range the caller supplies the pixels; small ones only, for speed.
                if (16...48).contains(width), (16...48).contains(height) {
                    let pixels = UnsafeMutablePointer<UInt8>.allocate(capacity: width * height * 3)
                    _ = gaitEnvRender(environment, width, height, pixels)
                    pixels.deallocate()
                } else {
                    _ = gaitEnvRender(environment, width, height, nil)
                }
            case 6:
                for call in [gaitEnvDescribe, gaitEnvInfoLayout, gaitEnvMessages] {
                    var text: UnsafeMutablePointer<UInt8>?, length = 0
                    if call(environment, &text, &length) == 0 { gaitFree(text) }
                }
            case 7:
                guard let environment else { break }
                environments.removeAll { $0 == environment }
                gaitEnvClose(environment)
            case 8 where vectors.count < 4:
                var handle: UnsafeMutableRawPointer?
                let count = counts[Int(bytes.byte() ?? 0) % counts.count], threads = counts[Int(bytes.byte() ?? 0) % counts.count]
                let created = ids[Int(bytes.byte() ?? 0) % ids.count].withCString { id in
                    bytes.options().withCString { gaitVecCreate(id, count, threads, bytes.flag() ? $0 : nil, Int32(hasSeed), &handle) }
                }
                guard created == 0, let handle else { break }
                // More copies than the buffers hold are made and closed, never stepped.
                guard count <= 8 else { gaitVecClose(handle); break }
                vectors.append(handle)
            case 9: _ = gaitVecReset(vector, seed, hasSeed, floats)
            case 10: _ = gaitVecStep(vector, actions, floats, doubles + capacity / 2, flags, finals, doubles, Int(bytes.byte() ?? 0) % 65)
            case 11:
                guard let vector else { break }
                vectors.removeAll { $0 == vector }
                gaitVecClose(vector)
            default: break
            }
        }
    }

    /// Valid inputs to start from: each environment created, reset, stepped, snapshotted,
    /// restored and rendered, and a vector of two copies stepped.
    static func seeds() -> [Data] {
        (0..<7).map { id in
            var seed: [UInt8] = []
            func call(_ operation: UInt8, _ arguments: [UInt8] = []) {
                seed += [operation, 0, 0] + Array(repeating: 1, count: 9) + Array(repeating: 0, count: 4 * 8 * 21) + arguments
            }
            call(0, [UInt8(id), 0, 1])
            call(1, [64])
            for _ in 0..<3 { call(2, [64]) }
            call(3)
            call(4, [0])
            call(4, [1, 5, 1, 0])
            call(5, [4, 4])
            call(8, [4, 3, UInt8(id), 0, 0])
            call(10, [64])
            return Data(seed)
        }
    }
}

/// Reads fuzz input bytes as call arguments; past the end, every read is empty or zero.
struct FuzzBytes {
    private let data: [UInt8]
    private var offset = 0

    init(_ data: Data) { self.data = [UInt8](data) }

    mutating func byte() -> UInt8? {
        guard offset < data.count else { return nil }
        defer { offset += 1 }
        return data[offset]
    }

    mutating func flag() -> Bool { (byte() ?? 0) & 1 == 1 }

    mutating func u64() -> UInt64 { (0..<8).reduce(UInt64(0)) { value, _ in value << 8 | UInt64(byte() ?? 0) } }

    /// Any 32-bit pattern: NaN, infinities and huge values included.
    mutating func float() -> Float { Float(bitPattern: (0..<4).reduce(UInt32(0)) { value, _ in value << 8 | UInt32(byte() ?? 0) }) }

    /// An options text: none, a short JSON object, or up to 32 raw bytes.
    mutating func options() -> String {
        switch (byte() ?? 0) % 3 {
        case 0: return "{}"
        case 1: return #"{"speed": "\#(byte() ?? 0)"}"#
        default: return String(decoding: (0..<Int((byte() ?? 0) % 32)).compactMap { _ in byte() }.filter { $0 != 0 }, as: UTF8.self)
        }
    }
}
