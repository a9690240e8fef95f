/// What a model file uses that Gait reads but does not simulate as written, gathered while it
/// loads: each kind once, as one line naming everything of that kind.
struct MJCFNotices {
    /// Per reason, the things ignored for it.
    private var ignored: [String: Set<String>] = [:]
    /// Per approximation, the things it stands in for.
    private var approximated: [String: Set<String>] = [:]

    /// Notes that `thing` is read and ignored, `because` (rendering, user data …).
    mutating func ignore(_ thing: String, because reason: String) {
        ignored[reason, default: []].insert(thing)
    }

    /// Notes that `thing` is simulated `as` something close to it.
    mutating func approximate(_ thing: String, as approximation: String) {
        approximated[approximation, default: []].insert(thing)
    }

    /// One line per reason and per approximation, in a stable order.
    var lines: [String] {
        ignored.keys.sorted().map { "ignored (\($0)): \(ignored[$0]!.sorted().joined(separator: ", "))" }
            + approximated.keys.sorted().map { "approximated: \(approximated[$0]!.sorted().joined(separator: ", ")) as \($0)" }
    }
}
