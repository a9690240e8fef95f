import Foundation

// A vector environment: `count` copies stepped in parallel with same-step auto-reset. Buffers
// belong to the caller and hold `count` rows; the handle must come from `gait_vec_create` and not
// be used after `gait_vec_close`.

/// Makes `count` copies of environment `id` (1–4096) in at most `threads` groups (0: one per
/// core) into `*handle`, resetting finished episodes in the step that ends them (`next_step` 0)
/// or in the copy's next step (1).
@_cdecl("gait_vec_create")
public func gaitVecCreate(_ id: UnsafePointer<CChar>?, _ count: Int, _ threads: Int, _ options: UnsafePointer<CChar>?,
                          _ nextStep: Int32, _ handle: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32 {
    LastError.status {
        let result = try ABIArguments.required(handle, name: "the handle pointer")
        guard nextStep == 0 || nextStep == 1 else {
            throw ABIError.outOfRange(name: "the autoreset mode", value: Int(nextStep), range: 0...1)
        }
        let vector = try VectorHandle(id: ABIArguments.text(id, name: "the environment id"), count: count, threads: threads,
                                      options: ABIArguments.options(options), autoreset: nextStep == 1 ? .nextStep : .sameStep)
        result.pointee = Unmanaged.passRetained(vector).toOpaque()
    }
}

/// Resets every copy (copy i with `seed + i` when `has_seed` is non-zero), writing the
/// observations (count × observation size floats).
@_cdecl("gait_vec_reset")
public func gaitVecReset(_ handle: UnsafeMutableRawPointer?, _ seed: UInt64, _ hasSeed: Int32,
                         _ observations: UnsafeMutablePointer<Float>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: VectorHandle.self) { vector in
            guard let observations else { throw ABIError.nullArgument("gait_vec_reset's observation buffer") }
            try vector.reset(seed: ABIArguments.seed(seed, given: hasSeed), observations: observations)
        }
    }
}

/// Steps copy i with row i of `actions`: writes the observations (after a same-step auto-reset,
/// the new episode's first), rewards, flags (as `gait_env_step`), the final observations of episodes that
/// ended (rows of copies whose flags have 1 or 2), and the info numbers (`capacity` rows, one per
/// name of the layout, of count numbers);
/// returns the bitwise or of all copies' flags, or −1.
@_cdecl("gait_vec_step")
public func gaitVecStep(_ handle: UnsafeMutableRawPointer?, _ actions: UnsafePointer<Float>?,
                        _ observations: UnsafeMutablePointer<Float>?, _ rewards: UnsafeMutablePointer<Double>?,
                        _ flags: UnsafeMutablePointer<Int32>?, _ finalObservations: UnsafeMutablePointer<Float>?,
                        _ info: UnsafeMutablePointer<Double>?, _ capacity: Int) -> Int32 {
    LastError.result {
        try ABIArguments.using(handle, as: VectorHandle.self) { vector in
            guard let actions, let observations, let rewards, let flags, let finalObservations, let info else {
                throw ABIError.nullArgument("gait_vec_step's buffers")
            }
            return try vector.step(actions, observations: observations, rewards: rewards, flags: flags, finalObservations: finalObservations,
                                   info: info, capacity: ABIArguments.infoCapacity(capacity))
        }
    }
}

/// The info layout as JSON, `{"keys": [names], "values": [[one row per copy]]}`.
@_cdecl("gait_vec_info_layout")
public func gaitVecInfoLayout(_ handle: UnsafeMutableRawPointer?, _ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                              _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: VectorHandle.self) { try TextResult.handJSON($0.layout, to: text, length: length) }
    }
}

/// Copy `index`'s last step info's text entries as a JSON object.
@_cdecl("gait_vec_messages")
public func gaitVecMessages(_ handle: UnsafeMutableRawPointer?, _ index: Int, _ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                            _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        try ABIArguments.using(handle, as: VectorHandle.self) { vector in
            let copy = try ABIArguments.count(index, name: "the copy index", in: 0...(vector.vector.count - 1))
            try TextResult.handJSON(vector.messages[copy], to: text, length: length)
        }
    }
}

/// Releases the vector environment and its threads (a null handle is ignored).
@_cdecl("gait_vec_close")
public func gaitVecClose(_ handle: UnsafeMutableRawPointer?) {
    ABIArguments.close(handle, as: VectorHandle.self)
}
