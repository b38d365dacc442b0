/// An IMAP message unique identifier (RFC 9051 §2.3.1.1), valid only together with its mailbox's
/// ``UIDValidity``. Every fetched message is keyed by (mailbox, UIDVALIDITY, UID).
public struct UID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public static func < (lhs: UID, rhs: UID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The UIDVALIDITY of a mailbox (RFC 9051 §2.3.1.1): when it changes, every stored UID of that
/// mailbox is void.
public struct UIDValidity: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// The name of an IMAP mailbox as the server spells it (e.g. `INBOX`, `Processed`).
public struct MailboxName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static let inbox = MailboxName("INBOX")
    public var description: String { rawValue }
}
