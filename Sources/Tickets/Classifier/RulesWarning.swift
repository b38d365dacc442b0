/// A rules file that loads but probably does not do what its author meant; `rules check` prints
/// it and still accepts the file.
///
/// Its description reads like a compiler warning:
/// `rules.yaml:210: warning: modifier 'live_event' term "ao vivo agora" hides …`.
public struct RulesWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file name or label the rules were loaded from.
    public var source: String
    /// 1-based line of the term the warning is about, when known.
    public var line: Int?
    /// What is probably wrong and how to say it is meant.
    public var message: String

    /// Creates a warning.
    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `source:line: warning: message`.
    public var description: String {
        "\(source)\(line.map { ":\($0)" } ?? ""): warning: \(message)"
    }
}
