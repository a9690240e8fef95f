import GaitCore

extension EnvironmentSpec {
    /// Refuses to run an agent that learned on `trainedOn` here unless both environments lay out
    /// their observations and actions alike: otherwise its inputs would mean other things. The
    /// error names the option (`flag`, given `value`) that brought the two together.
    package func requireLayout(of trainedOn: EnvironmentSpec, flag: String, value: String) throws {
        guard observationSize != trainedOn.observationSize || observationParts != trainedOn.observationParts
            || actionSize != trainedOn.actionSize else { return }
        func layout(_ spec: EnvironmentSpec) -> String {
            let parts = spec.observationParts.map { "\($0.name) \($0.size)" }.joined(separator: ", ")
            return "\(spec.observationSize) observations\(parts.isEmpty ? "" : " (\(parts))"), \(spec.actionSize) actions"
        }
        throw CLIError.invalidValue(name: flag, value: value, reason: "\(id) has \(layout(self)), but the agent learned on \(trainedOn.id) "
                                    + "with \(layout(trainedOn)); choose an environment laid out as \(trainedOn.id) is")
    }
}
