import GaitCore

extension Info {
    /// Throws `AgentError.diverged` naming the first value that is not a finite number (these are
    /// what agent `agent` measured when it learned at training step `step`).
    func requireFinite(step: Int, agent: String) throws(AgentError) {
        guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
        throw .diverged(step: step, agent: agent, quantity: "its \(keys[index])")
    }
}
