import Foundation

/// An email address with an optional display name (RFC 5322 §3.4 `mailbox`).
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public var name: String?
    /// `local@domain`, as written (the domain is lower-cased by ``normalized``).
    public var address: String
    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }
    /// The address with its domain lower-cased, for comparisons and directory look-ups.
    public var normalized: String {
        guard let at = address.lastIndex(of: "@") else { return address.lowercased() }
        return String(address[..<at]) + address[at...].lowercased()
    }
    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// A `Message-ID`, `In-Reply-To` or `References` token without its angle brackets (RFC 5322 §3.6.4).
public struct MessageID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { "<\(rawValue)>" }
}

/// One attachment or inline part that is not a body.
public struct Attachment: Sendable, Hashable {
    public var filename: String?
    /// Lower-cased `type/subtype`.
    public var contentType: String
    /// Size after transfer decoding, in bytes.
    public var size: Int
    public var contentID: String?
    public var isInline: Bool
    public init(filename: String?, contentType: String, size: Int, contentID: String?, isInline: Bool) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.contentID = contentID
        self.isInline = isInline
    }
}

/// Why a message is considered machine-generated (RFC 3834, RFC 3464, list headers, …).
public struct Automation: Sendable, Hashable {
    /// True when no acknowledgement may ever be sent to this message.
    public var isAutomated: Bool
    /// A short machine-readable reason such as `auto-submitted:auto-replied`, `precedence:bulk`,
    /// `list-id`, `null-return-path`, `mailer-daemon`, `delivery-status-report`.
    public var reason: String?
    /// `X-Auto-Response-Suppress` was present: the sender asks not to be auto-replied.
    public var suppressAutoReply: Bool
    /// This is a delivery-status report (a bounce, RFC 3464).
    public var isBounce: Bool
    public init(isAutomated: Bool = false, reason: String? = nil, suppressAutoReply: Bool = false, isBounce: Bool = false) {
        self.isAutomated = isAutomated
        self.reason = reason
        self.suppressAutoReply = suppressAutoReply
        self.isBounce = isBounce
    }
}

/// A parsed email, everything the intake needs from it.
public struct Message: Sendable {
    public var messageID: MessageID?
    public var date: Date?
    public var from: EmailAddress?
    public var replyTo: [EmailAddress]
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    /// Decoded subject (RFC 2047), unfolded; empty when absent.
    public var subject: String
    public var inReplyTo: [MessageID]
    public var references: [MessageID]
    /// The text/plain body, decoded to Unicode; nil when the message has none.
    public var textBody: String?
    /// The text/html body, decoded to Unicode; nil when the message has none.
    public var htmlBody: String?
    /// The readable text: the plain body, or the HTML rendered to text when there is none.
    public var text: String
    /// ``text`` without quoted replies and signature: what the customer wrote this time.
    public var newText: String
    public var attachments: [Attachment]
    public var automation: Automation
    /// For a delivery-status report: the Message-ID of the message that bounced, when found.
    public var bouncedMessageID: MessageID?
    /// All header fields in order, names as written, values unfolded and decoded.
    public var headers: [(name: String, value: String)]
    /// Damage the parser repaired or limits it applied (e.g. `multipart without close delimiter`),
    /// each listed once; empty for a well-formed message. For logs and diagnostics.
    public var defects: [String]

    public init(
        messageID: MessageID? = nil, date: Date? = nil, from: EmailAddress? = nil,
        replyTo: [EmailAddress] = [], to: [EmailAddress] = [], cc: [EmailAddress] = [],
        subject: String = "", inReplyTo: [MessageID] = [], references: [MessageID] = [],
        textBody: String? = nil, htmlBody: String? = nil, text: String = "", newText: String = "",
        attachments: [Attachment] = [], automation: Automation = Automation(),
        bouncedMessageID: MessageID? = nil, headers: [(name: String, value: String)] = [],
        defects: [String] = []
    ) {
        self.messageID = messageID
        self.date = date
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.subject = subject
        self.inReplyTo = inReplyTo
        self.references = references
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.text = text
        self.newText = newText
        self.attachments = attachments
        self.automation = automation
        self.bouncedMessageID = bouncedMessageID
        self.headers = headers
        self.defects = defects
    }

    /// The first value of a header field, case-insensitive.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
