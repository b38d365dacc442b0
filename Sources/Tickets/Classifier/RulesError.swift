/// A rules file that cannot be used: YAML syntax, an unknown key, a wrong type, an unknown priority
/// or language, an empty or malformed term. Carries where it is (line, column) and which key.
///
/// Its description reads like a compiler diagnostic, for `support-intake rules check` and the log:
/// `rules.yaml:12: key 'p1.pt.terms[3].weight': expected a number`.
public struct RulesError: Error, Sendable, CustomStringConvertible, Hashable {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The text is not valid YAML.
        public static let syntax = Code(rawValue: "syntax")
        /// Valid YAML that does not follow the rules schema.
        public static let schema = Code(rawValue: "schema")
        /// The file could not be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// `syntax`, `schema`, `unreadable`.
        public let rawValue: String
        /// The code's name.
        public var description: String { rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The file name or label given to ``ClassifierRules/load(yaml:source:)``.
    public var source: String
    /// 1-based line of the offending node, when known.
    public var line: Int?
    /// 1-based column (in Unicode scalars) of the offending node, when known.
    public var column: Int?
    /// The key path, such as `p1.pt.terms[3].weight`, when the problem is inside the document.
    public var key: String?
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error; `source` names the file in the description.
    public init(code: Code = .schema, source: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `source:line: key 'path': message`; parts that are unknown are left out.
    public var description: String {
        var s = source
        if let line { s += ":\(line)" }
        s += ": "
        if let key, !key.isEmpty { s += "key '\(key)': " }
        return s + message
    }
}
