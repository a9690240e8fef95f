import GaitNN

/// What a `Trainer` and its `TrainingDriver` share: the experience buffer, and each environment
/// copy's current observation (a row of `observations`) and running episode.
struct CopiesState {
    let buffer: ExperienceBuffer
    let observations: Matrix
    let runningEpisodes: EpisodeTally
}
