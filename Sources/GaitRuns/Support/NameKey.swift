/// A JSON key that is a name chosen at run time (a setting's, a hyperparameter's).
package struct NameKey: CodingKey {
    package let stringValue: String
    package init(stringValue: String) { self.stringValue = stringValue }
    package var intValue: Int? { nil }
    package init?(intValue: Int) { nil }
}
