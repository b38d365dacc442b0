import Foundation

/// One complete server response (RFC 9051 §7): tagged completion, untagged data, or a command
/// continuation request.
enum IMAPResponse: Equatable, Sendable {
    case tagged(IMAPTaggedResponse)
    case untagged(IMAPUntaggedResponse)
    /// `+ text`: the server waits for a literal or, in IDLE, is idling.
    case continuation(String)
}

/// The status of a tagged or untagged condition response.
enum IMAPStatus: String, Equatable, Sendable {
    case ok = "OK", no = "NO", bad = "BAD", preauth = "PREAUTH", bye = "BYE"
}

/// The bracketed response code of a condition response (RFC 9051 §7.1), the ones the client acts
/// on spelled out.
enum IMAPResponseCode: Equatable, Sendable {
    case uidValidity(UInt32)
    case uidNext(UInt32)
    case tryCreate
    case nonexistent
    case alreadyExists
    case readOnly
    case readWrite
    case capability([String])
    /// `APPENDUID validity uid` (RFC 4315).
    case appendUID(validity: UInt32, uid: UInt32)
    case other(String)
}

/// A tagged completion: `a7 OK [code] text`.
struct IMAPTaggedResponse: Equatable, Sendable {
    var tag: String
    var status: IMAPStatus
    var code: IMAPResponseCode?
    var text: String
}

/// The data of one `* n FETCH (...)` response, the items the client asks for.
struct IMAPFetchAttributes: Equatable, Sendable {
    var uid: UInt32?
    var internalDate: Date?
    var size: Int?
    var flags: [String]?
    /// `BODY[]` (or `BODY.PEEK[]`, which the server answers as `BODY[]`): the raw message.
    var body: [UInt8]?

    /// Fills in what `other` has and `self` lacks (a server may split one message's items).
    mutating func merge(_ other: IMAPFetchAttributes) {
        uid = uid ?? other.uid
        internalDate = internalDate ?? other.internalDate
        size = size ?? other.size
        flags = other.flags ?? flags
        body = body ?? other.body
    }
}

/// Untagged server data.
enum IMAPUntaggedResponse: Equatable, Sendable {
    /// `* OK|NO|BAD|PREAUTH|BYE [code] text`.
    case condition(IMAPStatus, IMAPResponseCode?, String)
    case capability([String])
    case exists(UInt32)
    case expunge(UInt32)
    case recent(UInt32)
    case fetch(sequence: UInt32, IMAPFetchAttributes)
    case search([UInt32])
    /// `* STATUS mailbox (NAME n ...)`, names upper-cased.
    case status(mailbox: String, values: [String: UInt64])
    case flags([String])
    /// Anything else (LIST, ENABLED, VANISHED, ...), by its keyword.
    case other(String)
}
