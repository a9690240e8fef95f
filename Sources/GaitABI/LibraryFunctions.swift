import Foundation
import GaitRuns

// The library as a whole: version, errors, memory, and the registry.

/// The ABI version (`GaitABI.version`).
@_cdecl("gait_abi_version")
public func gaitABIVersion() -> Int32 { GaitABI.version }

/// The message of the calling thread's last failed call (nil before any), valid until its next
/// failure.
@_cdecl("gait_last_error")
public func gaitLastError() -> UnsafePointer<CChar>? { LastError.message }

/// Releases text or bytes returned by a function of this library.
@_cdecl("gait_free")
public func gaitFree(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }

/// Every registered environment as a JSON array (as `gait envs --json`), in `text` (release with
/// `gait_free`) of `length` bytes.
@_cdecl("gait_registry")
public func gaitRegistry(_ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try TextResult.hand(EnvironmentCatalog.summaries(of: CommandContext.registry(refreshed: true)), to: text, length: length)
    }
}
