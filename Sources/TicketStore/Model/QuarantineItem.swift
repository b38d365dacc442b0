import Foundation
import MailCore

/// The primary key of a quarantine row.
public struct QuarantineID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The row id.
    public var rawValue: Int64
    /// Wraps a row id.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    /// The number.
    public var description: String { String(rawValue) }
}

/// A mail that could not become a ticket, kept with its raw bytes and a reason code.
public struct QuarantineItem: Sendable, Hashable {
    /// Why a mail was quarantined.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The parser refused it.
        case unparseable
        /// Larger than `intake.max_message_bytes` (raw not fetched; the mail stays on the server).
        case tooLarge = "too_large"
        /// No usable sender address to answer.
        case noSender = "no_sender"
        /// Anything else that made it unusable.
        case invalid
    }

    /// The row id.
    public var id: QuarantineID
    /// Where the mail is on the server.
    public var location: MailLocation
    /// Why.
    public var reason: Reason
    /// A short, secret-free detail (the parser's error, the size).
    public var detail: String
    /// The raw bytes (empty when too large to fetch).
    public var raw: [UInt8]
    /// The mail's size on the server.
    public var size: Int
    /// SHA-256 of `raw`.
    public var sha256: String
    /// The server's INTERNALDATE.
    public var internalDate: Date
    /// When it was quarantined.
    public var quarantinedAt: Date
    /// When an operator released it for processing.
    public var releasedAt: Date?
}
