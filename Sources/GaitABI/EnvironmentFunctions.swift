import Foundation
import GaitCore
import GaitRuns

// One environment: create, describe, reset, step, snapshot, restore, close. Buffers belong to the
// caller and must hold the sizes stated; the handle must come from `gait_env_create` and not be
// used after `gait_env_close`.

/// Makes environment `id` (with `seed` when `has_seed` is non-zero, and `options`: a JSON object
/// or null) into `*handle`.
@_cdecl("gait_env_create")
public func gaitEnvCreate(_ id: UnsafePointer<CChar>?, _ seed: UInt64, _ hasSeed: Int32, _ options: UnsafePointer<CChar>?,
                          _ handle: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32 {
    LastError.status {
        let result = try ABIArguments.required(handle, name: "the handle pointer")
        let environment = try EnvironmentHandle(id: ABIArguments.text(id, name: "the environment id"),
                                                seed: ABIArguments.seed(seed, given: hasSeed), options: ABIArguments.options(options))
        result.pointee = Unmanaged.passRetained(environment).toOpaque()
    }
}

/// The environment in full as a JSON object (as `gait envs show --json`: sizes, bounds, parts,
/// settings), in `text` (release with `gait_free`).
@_cdecl("gait_env_describe")
public func gaitEnvDescribe(_ handle: UnsafeMutableRawPointer?, _ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                            _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { environment in
            try TextResult.hand(EnvironmentCatalog.details(of: environment.spec, environment: environment.environment,
                                                           registry: CommandContext.registry()), to: text, length: length)
        }
    }
}

/// Starts an episode (reseeding when `has_seed` is non-zero): writes the observation
/// (observation size floats) and the info numbers (at most `capacity` doubles, in the layout of
/// `gait_env_info_layout`); returns the flags (4: the info layout changed, 8: the info has
/// messages) or −1.
@_cdecl("gait_env_reset")
public func gaitEnvReset(_ handle: UnsafeMutableRawPointer?, _ seed: UInt64, _ hasSeed: Int32,
                         _ observation: UnsafeMutablePointer<Float>?, _ info: UnsafeMutablePointer<Double>?, _ capacity: Int) -> Int32 {
    LastError.result {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { environment in
            guard let observation, let info else { throw ABIError.nullArgument("gait_env_reset's observation and info buffers") }
            return try environment.reset(seed: ABIArguments.seed(seed, given: hasSeed), observation: observation, info: info,
                                         capacity: ABIArguments.infoCapacity(capacity))
        }
    }
}

/// Takes one step with `action` (action size floats): writes the observation, the reward and
/// the info numbers; returns the flags (1 terminated, 2 truncated, 4 the info layout changed,
/// 8 the info has messages) or −1.
@_cdecl("gait_env_step")
public func gaitEnvStep(_ handle: UnsafeMutableRawPointer?, _ action: UnsafePointer<Float>?,
                        _ observation: UnsafeMutablePointer<Float>?, _ reward: UnsafeMutablePointer<Double>?,
                        _ info: UnsafeMutablePointer<Double>?, _ capacity: Int) -> Int32 {
    LastError.result {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { environment in
            guard let action, let observation, let reward, let info else {
                throw ABIError.nullArgument("gait_env_step's action, observation, reward and info buffers")
            }
            return try environment.step(action, observation: observation, reward: reward, info: info,
                                        capacity: ABIArguments.infoCapacity(capacity))
        }
    }
}

/// The info layout as JSON, `{"keys": [names], "values": [[numbers of the step that set it]]}`.
@_cdecl("gait_env_info_layout")
public func gaitEnvInfoLayout(_ handle: UnsafeMutableRawPointer?, _ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                              _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { try TextResult.handJSON($0.layout, to: text, length: length) }
    }
}

/// The last info's text entries (such as `physics_error`) as a JSON object.
@_cdecl("gait_env_messages")
public func gaitEnvMessages(_ handle: UnsafeMutableRawPointer?, _ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                            _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { try TextResult.handJSON($0.messages, to: text, length: length) }
    }
}

/// Everything that decides the environment's future, as bytes (release with `gait_free`) that
/// `gait_env_restore` continues from bit for bit.
@_cdecl("gait_env_snapshot")
public func gaitEnvSnapshot(_ handle: UnsafeMutableRawPointer?, _ bytes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                            _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { environment in
            let snapshot = environment.environment.snapshot()
            guard !snapshot.isEmpty else { throw EnvironmentError.cannotRestore("\(environment.spec.id) does not support snapshots") }
            try TextResult.hand(snapshot.encoded(environment: environment.spec.id, version: environment.spec.version), to: bytes, length: length)
        }
    }
}

/// Returns the environment to the state in `length` bytes from `gait_env_snapshot`.
@_cdecl("gait_env_restore")
public func gaitEnvRestore(_ handle: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<UInt8>?, _ length: Int) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { environment in
            guard let bytes else { throw ABIError.nullArgument("the snapshot bytes") }
            let count = try ABIArguments.count(length, name: "the snapshot length", in: 0...(1 << 30))
            let encoded = Array(UnsafeBufferPointer(start: bytes, count: count))
            try environment.environment.restore(EnvironmentSnapshot(encoded: encoded, environment: environment.spec.id, version: environment.spec.version))
        }
    }
}

/// Draws the environment as it is now into `pixels` (`height` × `width` × 3 bytes, RGB, rows from
/// the top) with Gait's software renderer; width and height from 16 to 4096.
@_cdecl("gait_env_render")
public func gaitEnvRender(_ handle: UnsafeMutableRawPointer?, _ width: Int, _ height: Int, _ pixels: UnsafeMutablePointer<UInt8>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: EnvironmentHandle.self) { environment in
            guard let pixels else { throw ABIError.nullArgument("gait_env_render's pixel buffer") }
            try environment.render(width: width, height: height, into: pixels)
        }
    }
}

/// Releases the environment (a null handle is ignored).
@_cdecl("gait_env_close")
public func gaitEnvClose(_ handle: UnsafeMutableRawPointer?) {
    ABIArguments.close(handle, as: EnvironmentHandle.self)
}
