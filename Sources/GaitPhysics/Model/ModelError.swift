/// Why a model file could not be loaded, with the line it concerns.
public struct ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The file could not be read.
        case unreadable(String)
        /// The text is not well-formed XML.
        case malformedXML(String)
        /// The file is larger than a model may be.
        case tooLarge(String)
        /// An element outside the supported MJCF subset.
        case unknownElement(String)
        /// An attribute the element does not support.
        case unknownAttribute(element: String, attribute: String)
        /// A required attribute is absent.
        case missingAttribute(element: String, attribute: String)
        /// An attribute whose value could not be used.
        case invalidValue(element: String, attribute: String, value: String, expected: String)
        /// A joint `type` other than hinge, slide, ball or free.
        case unknownJointType(String)
        /// A geom `type` other than plane, sphere, capsule, box, cylinder or ellipsoid (or a mesh or height field).
        case unknownGeomType(String)
        /// A `class` or `childclass` that no `default` defines.
        case unknownClass(String)
        /// An actuator names a joint the model does not have.
        case missingJoint(actuator: String, joint: String)
        /// Two elements of one kind share a name.
        case duplicateName(kind: String, name: String)
        /// Valid MJCF that this physics layer cannot represent.
        case unsupported(String)
        /// An `<include>` that cannot be resolved (missing, outside the model's folder, a cycle).
        case include(String)
        /// A data file an asset names (a height field's) that cannot be found, read or used.
        case assetFile(String)
    }

    /// The file (or "<string>") the error is in.
    public var source: String
    /// The 1-based line number, or 0 when not tied to a line.
    public var line: Int
    /// What was wrong.
    public var reason: Reason

    /// Creates an error.
    public init(source: String, line: Int, reason: Reason) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line > 0 ? "\(source):\(line)" : source
        switch reason {
        case .unreadable(let why):
            return "\(place): cannot use it as a model file: \(why)"
        case .tooLarge(let why):
            return "\(place): the model is too large (\(why)); Gait reads models of up to \(Model.maximumFileSize / 1_000_000) MB, \(XMLElementNode.maximumElements) elements and \(XMLElementNode.maximumDepth) levels of nesting"
        case .malformedXML(let why):
            return "\(place): malformed XML (\(why)); fix the markup"
        case .unknownElement(let name):
            return "\(place): <\(name)> is not an MJCF element Gait reads (see the GaitPhysics documentation, Reading MJCF); remove it or check its spelling"
        case .unknownAttribute(let element, let attribute):
            return "\(place): <\(element)> has no attribute '\(attribute)' that Gait reads (see Reading MJCF); remove it or check its spelling"
        case .missingAttribute(let element, let attribute):
            return "\(place): <\(element)> needs the attribute '\(attribute)'"
        case .invalidValue(let element, let attribute, let value, let expected):
            return "\(place): <\(element) \(attribute)=\"\(value)\"> is invalid; expected \(expected)"
        case .unknownJointType(let type):
            return "\(place): unknown joint type '\(type)'; use hinge, slide, ball or free"
        case .unknownGeomType(let type):
            return "\(place): unknown geom type '\(type)'; use plane, sphere, capsule, ellipsoid, box or cylinder"
        case .unknownClass(let name):
            return "\(place): no <default class=\"\(name)\"> is defined; define it or fix the name"
        case .missingJoint(let actuator, let joint):
            return "\(place): actuator '\(actuator)' drives joint '\(joint)', which the model does not have"
        case .duplicateName(let kind, let name):
            return "\(place): a second \(kind) named '\(name)'; names must be unique"
        case .unsupported(let what), .include(let what), .assetFile(let what):
            return "\(place): \(what)"
        }
    }
}
