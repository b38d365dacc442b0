/// Why ``MessageParser`` refused a message.
///
/// Parsing is best-effort: most damage (broken encodings, unknown charsets, missing boundaries) is
/// repaired and noted in ``Message/defects``. This error is thrown only when no useful message can be
/// produced at all.
public struct MailParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable error category. Extensible: new codes may be added without breaking callers.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's stable name, e.g. `too-large`.
        public var rawValue: String
        /// Creates a code from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The message is larger than ``ParseLimits/maxMessageBytes``; nothing was decoded.
        public static let tooLarge = Code(rawValue: "too-large")
        /// The input is empty or does not start with a header field (RFC 5322 §2.1).
        public static let noHeaders = Code(rawValue: "no-headers")
        /// The header section is not text (it contains NUL bytes): the input is not a mail message.
        public static let malformed = Code(rawValue: "malformed")
        /// The code's stable name.
        public var description: String { rawValue }
    }

    /// The error category.
    public var code: Code
    /// A short human-readable explanation, safe to log (it never contains message content).
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
