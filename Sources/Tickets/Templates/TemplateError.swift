/// A template that cannot be loaded or parsed: which file and why.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// The file (or built-in resource) at fault.
    public var path: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
