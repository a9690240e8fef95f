import Foundation
import GaitAgents
import GaitCore
import GaitRuns

// Files the command line writes, read for other languages with the command line's own checks, so
// that they accept exactly the files it accepts.

/// The agent checkpoint at `path` (UTF-8), checked as `gait eval` checks it (see
/// `AgentCheckpoint.checkedBytes`; a checkpoint of an agent the library does not serve must name
/// its policy head instead), as its bytes in `bytes` (release with `gait_free`) of `length`.
@_cdecl("gait_checkpoint_read")
public func gaitCheckpointRead(_ path: UnsafePointer<CChar>?, _ bytes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                               _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        let path = try ABIArguments.text(path, name: "the checkpoint path")
        let checked = try AgentCheckpoint.checkedBytes(URL(fileURLWithPath: path), registry: CommandContext.registry(),
                                                       agents: CommandContext.agents)
        try TextResult.hand(checked, to: bytes, length: length)
    }
}

/// The episode file at `path` (UTF-8), checked as `gait replay` reads it (a regular file within
/// the size limit, format and version, sizes, step count, length, CRC), as its bytes in `bytes`
/// (release with `gait_free`) of `length`.
@_cdecl("gait_episode_read")
public func gaitEpisodeRead(_ path: UnsafePointer<CChar>?, _ bytes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?,
                            _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        let url = URL(fileURLWithPath: try ABIArguments.text(path, name: "the episode path"))
        try TextResult.hand(Episode(contentsOf: url).encoded(), to: bytes, length: length)
    }
}
