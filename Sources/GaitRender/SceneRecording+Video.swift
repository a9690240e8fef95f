import Foundation

extension SceneRecording {
    /// The most frames per second a video gets; faster episodes skip frames to stay in real time.
    public static let maximumFramesPerSecond = 50.0

    /// Every how many frames one is drawn, and the video's frame rate, so that it plays in real time.
    public var videoTiming: (stride: Int, framesPerSecond: Double) {
        let native = 1 / max(timeStep, 1e-6)
        let stride = max(Int((native / Self.maximumFramesPerSecond).rounded(.up)), 1)
        return (stride, native / Double(stride))
    }

    /// The number of frames a video of this episode has.
    public var videoFrameCount: Int { (frameCount + videoTiming.stride - 1) / videoTiming.stride }

    /// Draws the episode frame by frame and writes it as a video (`.mp4` or `.gif`, see
    /// `VideoEncoder`) of `width` × `height` pixels; returns the number of frames written.
    @discardableResult
    public func writeVideo(to url: URL, width: Int, height: Int) throws -> Int {
        let renderer = try SceneRenderer(shapes: shapes, planar: planar, fixedBase: fixedBase, width: width, height: height)
        renderer.fit(poses)
        let (stride, framesPerSecond) = videoTiming
        let encoder = try VideoEncoder(target: url, width: width, height: height, framesPerSecond: framesPerSecond)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var written = 0
        try poses.withUnsafeBufferPointer { all in
            for frame in Swift.stride(from: 0, to: frameCount, by: stride) {
                let start = frame * renderer.frameSize
                pixels.withUnsafeMutableBufferPointer { renderer.render(UnsafeBufferPointer(rebasing: all[start..<start + renderer.frameSize]), into: $0) }
                try encoder.append(pixels)
                written += 1
            }
        }
        try encoder.finish()
        return written
    }
}
