/// Why a scene or a video could not be drawn.
public enum RenderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An image size outside what the renderer draws.
    case badSize(width: Int, height: Int)
    /// The environment cannot say what it looks like.
    case noScene(String)
    /// The re-simulation of an episode differed from the record at its start or first step: nothing of it can be drawn.
    case notReplayable(String)
    /// ffmpeg is missing or failed.
    case encoder(String)
    /// The output's extension names no format the encoder writes.
    case unsupportedFormat(String)

    public var description: String {
        switch self {
        case .badSize(let width, let height):
            "an image of \(width)×\(height) pixels cannot be drawn; width and height must be from \(SceneRenderer.sizes.lowerBound) to \(SceneRenderer.sizes.upperBound)"
        case .noScene(let id): "\(id) has no scene to draw (its environment does not provide one)"
        case .notReplayable(let outcome):
            "the episode cannot be drawn: its re-simulation \(outcome); record it again with this build (or check it with --verify)"
        case .encoder(let why): "cannot encode the video: \(why)"
        case .unsupportedFormat(let path): "\(path): write a video as .mp4 or .gif"
        }
    }
}
