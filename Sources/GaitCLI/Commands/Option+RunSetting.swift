import ArgumentParser
import GaitRuns

extension Option where Value == Int? {
    /// The `gait train` flag of the run setting at `keyPath`: its help and valid range are the
    /// setting's declaration in `RunSettings.fields`.
    init(setting keyPath: WritableKeyPath<RunSettings, Int>) {
        let field = RunSettings.field(keyPath)
        self.init(parsing: .unconditional, help: ArgumentHelp(field.help), transform: field.parsed)
    }
}
