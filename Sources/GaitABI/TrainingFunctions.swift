import Foundation
import GaitAgents
import GaitRuns

// Training, as the command line's `gait train` does it (for Python's `gait.train`).

/// A function the trainer calls with each record as JSON (`{"step": …, "wall_time": …, name:
/// value …}`) and the caller's `context`; it returns 0 to go on and 1 to stop training (a
/// checkpoint is saved, as on Ctrl-C).
public typealias GaitRecordCallback = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Int32

/// Trains as `gait train` does, `request` being a JSON object: `environment` and `agent` (a new
/// run) or `resume` (a run directory), and optionally `warm_start` (`--warm-start`: a checkpoint
/// or run directory; `agent` may then be left out) with `warm_start_buffer` (true: its experience
/// buffer too, `--warm-start-buffer`), `config_file` (`--config`), `out` (`--out`),
/// `catch_interrupts` (true: catch SIGINT, SIGTERM and SIGHUP during training as `gait train`
/// does, stopping at the next safe point; `text` then names the signal as `interrupted`, and the
/// caller restores its own handlers)
/// and `settings`, an object of run settings and hyperparameters by name (`{"steps": 1e5,
/// "batch_size": 256}`, as `--set` and the flags). The same run directory, files and output.
/// Calls `callback` (unless null) with each record. Writes `{"run": path, "mean_return": x,
/// "std_return": y, "episodes": k}` into `text` (release with `gait_free`), without the
/// evaluation when training was stopped.
@_cdecl("gait_train")
public func gaitTrain(_ request: UnsafePointer<CChar>?, _ callback: GaitRecordCallback?, _ context: UnsafeMutableRawPointer?,
                      _ text: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, _ length: UnsafeMutablePointer<Int>?) -> Int32 {
    LastError.status {
        let json = try ABIArguments.text(request, name: "the request")
        let training: TrainingRequest
        do {
            training = try JSONDecoder().decode(TrainingRequest.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw ABIError.badRequest(error)
        }
        let outcome = try training.train { record in
            guard let callback else { return true }
            var values = ["step": Double(record.step), "wall_time": record.wallTime]
            for (name, value) in zip(record.values.keys, record.values.values) where value.isFinite { values[name] = value }
            let encoded = (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return encoded.withCString { callback($0, context) } == 0
        }
        try TextResult.handJSON(outcome, to: text, length: length)
    }
}
