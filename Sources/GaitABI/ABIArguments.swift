import Foundation

/// Arguments that arrive through the C ABI, checked before use.
enum ABIArguments {
    /// The longest text argument accepted (ids, options).
    static let maximumTextLength = 1 << 16

    /// The UTF-8 text at `pointer`, named `name` in errors.
    static func text(_ pointer: UnsafePointer<CChar>?, name: String) throws -> String {
        guard let pointer else { throw ABIError.nullArgument(name) }
        let length = strnlen(pointer, maximumTextLength + 1)
        guard length <= maximumTextLength else {
            throw ABIError.outOfRange(name: "the length of \(name)", value: length, range: 0...maximumTextLength)
        }
        guard let text = String(validating: UnsafeBufferPointer(start: pointer, count: length).lazy.map { UInt8(bitPattern: $0) },
                                as: UTF8.self) else {
            throw ABIError.notUTF8(name)
        }
        return text
    }

    /// Environment options from a JSON object whose values are strings, numbers or booleans (null
    /// or empty text: none).
    static func options(_ pointer: UnsafePointer<CChar>?) throws -> [String: String] {
        guard let pointer else { return [:] }
        let json = try text(pointer, name: "the options")
        if json.isEmpty { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw ABIError.badOptions("'\(json.prefix(80))' is not a JSON object")
        }
        return try object.mapValues { value in
            switch value {
            case let text as String: return text
            case let number as NSNumber: return "\(number)"
            default: throw ABIError.badOptions("the value of each option must be a string, number or boolean")
            }
        }
    }

    /// The seed when `hasSeed` is non-zero, else none.
    static func seed(_ seed: UInt64, given hasSeed: Int32) -> UInt64? { hasSeed != 0 ? seed : nil }

    /// Runs `body` on the object behind a handle made by a `*_create` function, as the only call
    /// on it (see `HandleGate`).
    static func using<Handle: GuardedHandle, Result>(_ handle: UnsafeMutableRawPointer?, as type: Handle.Type,
                                                     _ body: (Handle) throws -> Result) throws -> Result {
        guard let handle else { throw ABIError.nullArgument("the handle") }
        let unmanaged = Unmanaged<Handle>.fromOpaque(handle)
        let object = unmanaged.takeUnretainedValue()
        try object.gate.enter()
        defer { if object.gate.leave() { unmanaged.release() } }
        return try body(object)
    }

    /// Closes a handle made by a `*_create` function (null is ignored): released now, or by the
    /// call under way on it as that ends.
    static func close<Handle: GuardedHandle>(_ handle: UnsafeMutableRawPointer?, as type: Handle.Type) {
        guard let handle else { return }
        let unmanaged = Unmanaged<Handle>.fromOpaque(handle)
        if unmanaged.takeUnretainedValue().gate.close() { unmanaged.release() }
    }

    /// Checks that a pointer the caller must provide is not null.
    static func required<Pointee>(_ pointer: UnsafeMutablePointer<Pointee>?, name: String) throws -> UnsafeMutablePointer<Pointee> {
        guard let pointer else { throw ABIError.nullArgument(name) }
        return pointer
    }

    /// The number of info values a caller's buffer holds (per copy), at most 4096.
    static func infoCapacity(_ value: Int) throws -> Int {
        try count(value, name: "the info capacity", in: 0...4096)
    }

    /// A count the caller passes, within `range`.
    static func count(_ value: Int, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard range.contains(value) else { throw ABIError.outOfRange(name: name, value: value, range: range) }
        return value
    }
}
