/// Bounds that keep ``MessageParser`` linear in time and memory on hostile input.
///
/// Every limit is enforced while scanning, before anything is decoded. A limit that is hit produces a
/// best-effort result (the excess is skipped and recorded in ``Message/defects``), except
/// ``maxMessageBytes``, which refuses the message with ``MailParseError/Code/tooLarge`` before any
/// decoding starts.
public struct ParseLimits: Sendable, Hashable {
    /// Largest accepted message, in bytes (default 25 MiB). Larger input is refused with `.tooLarge`.
    public var maxMessageBytes: Int
    /// Largest header section (of the message or of one MIME part) that is read, in bytes. Fields
    /// beyond it are skipped; a field crossing it is cut (default 512 KiB).
    public var maxHeaderBytes: Int
    /// Most header fields kept per header section (default 5,000).
    public var maxHeaderCount: Int
    /// Deepest nesting of multiparts and `message/rfc822` parts that is descended into (default 40).
    public var maxDepth: Int
    /// Most MIME parts looked at in one message (default 2,000).
    public var maxParts: Int
    /// Most RFC 2047 encoded words decoded in one message; the rest stay as written (default 10,000).
    public var maxEncodedWords: Int
    /// Most addresses kept per address header field (default 1,000).
    public var maxAddresses: Int
    /// Most RFC 2231 continuation segments assembled per parameter (default 256).
    public var maxParameterContinuations: Int
    /// Most message ids kept from one `References` or `In-Reply-To` field (default 500).
    public var maxReferences: Int

    /// Creates limits; every argument defaults to the value of ``default``.
    public init(
        maxMessageBytes: Int = 25 * 1024 * 1024,
        maxHeaderBytes: Int = 512 * 1024,
        maxHeaderCount: Int = 5_000,
        maxDepth: Int = 40,
        maxParts: Int = 2_000,
        maxEncodedWords: Int = 10_000,
        maxAddresses: Int = 1_000,
        maxParameterContinuations: Int = 256,
        maxReferences: Int = 500
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxEncodedWords = maxEncodedWords
        self.maxAddresses = maxAddresses
        self.maxParameterContinuations = maxParameterContinuations
        self.maxReferences = maxReferences
    }

    /// Limits suited to a support mailbox: generous for real mail, bounded for hostile mail.
    public static let `default` = ParseLimits()
}
