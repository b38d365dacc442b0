/// Why the rules, plans or templates could not be (re)loaded.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the key or file.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
