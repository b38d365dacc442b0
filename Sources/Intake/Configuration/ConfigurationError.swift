/// Why a configuration could not be loaded: one key (or file) and what is wrong with it.
///
/// The ``description`` is the one line the CLI prints before exiting with code 78 (`EX_CONFIG`):
/// the dotted key first, then the problem, then where the value came from, e.g.
/// `plans.customers[2].plan: 'gold' is not a plan (pro, business, api, education, free) (config.yaml line 14)`.
/// It never contains a password, a token or the contents of a secret file.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; extensible, compare with the static members.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// A stable, machine-readable name such as `missing`.
        public var rawValue: String
        /// Wraps a raw code name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The configuration file (or a file it names) cannot be read.
        public static let unreadableFile = Code(rawValue: "unreadable_file")
        /// The configuration file is not valid YAML, or not a mapping at its top.
        public static let syntax = Code(rawValue: "syntax")
        /// A key that the configuration does not know (usually a typo).
        public static let unknownKey = Code(rawValue: "unknown_key")
        /// A required key has no value in any source.
        public static let missing = Code(rawValue: "missing")
        /// A value of the wrong shape or outside its allowed set or range.
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// Two keys that exclude each other are both set (e.g. `password` and `password_file`).
        public static let conflict = Code(rawValue: "conflict")

        /// The raw name.
        public var description: String { rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The dotted key at fault (`imap.url`, `plans.customers[2].plan`), or nil for the file as a whole.
    public var key: String?
    /// The problem, without the key: `missing`, `scheme must be imaps or imap`.
    public var problem: String
    /// Where the value came from: `/etc/support-intake/config.yaml line 3`,
    /// `environment SUPPORT_INTAKE_IMAP_URL`, `credential imap.password`; nil when unknown or missing.
    public var origin: String?

    /// Creates an error for a key (or the whole file when `key` is nil).
    public init(code: Code, key: String?, problem: String, origin: String? = nil) {
        self.code = code
        self.key = key
        self.problem = problem
        self.origin = origin
    }

    /// `key: problem (origin)`, on one line.
    public var description: String {
        var text = key.map { "\($0): \(problem)" } ?? problem
        if let origin { text += " (\(origin))" }
        return text.replacingNewlines()
    }
}

extension String {
    /// The text on one line: CR and LF become spaces, so a message always fits one log line.
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
