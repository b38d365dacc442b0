/// The languages the classifier's rules and the mail templates are written in.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Portuguese (Brazil).
    case pt
    /// English.
    case en
    /// Spanish.
    case es

    /// `pt`, `en` or `es`.
    public var description: String { rawValue }
}
