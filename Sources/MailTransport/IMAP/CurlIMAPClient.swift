import Foundation
import Logging
import MailCore

/// ``MailboxClient`` over libcurl: libcurl connects, does TLS/STARTTLS and the login (password or
/// XOAUTH2) in `CONNECT_ONLY` mode, and the client speaks IMAP itself on that connection, so it can
/// fetch batches with `BODY.PEEK[]` (no `\Seen`), parse literals by count, and IDLE.
///
/// One connection and one dedicated OS thread per client; calls are serialised on it and never
/// block Swift's cooperative pool. The connection opens on the first call and is re-opened on the
/// next call after a drop (the mailbox is SELECTed again). Cancelling the calling task ends the
/// call within about 200 ms with `.cancelled`. Call ``close()`` when done (LOGOUT); dropping the
/// last reference also ends the thread.
public final class CurlIMAPClient: MailboxClient {
    /// The endpoint this client talks to.
    public let endpoint: IMAPEndpoint
    private let worker: CurlWorker<IMAPSession>

    /// Creates a client; nothing connects until the first call.
    public init(endpoint: IMAPEndpoint, logger: Logger) {
        self.endpoint = endpoint
        var logger = logger
        logger[metadataKey: "imap.mailbox"] = "\(endpoint.mailbox)"
        let sessionLogger = logger
        worker = CurlWorker(name: "imap \(endpoint.host) \(endpoint.mailbox)") {
            IMAPSession(endpoint: endpoint, logger: sessionLogger)
        }
    }

    deinit {
        worker.shutdownNow()
    }

    /// UIDVALIDITY, UIDNEXT and message count of the configured mailbox, from a fresh SELECT.
    public func status() async throws(TransportError) -> MailboxStatus {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in try session.status(connection) }
        }
    }

    /// The UIDs above `cursor`, ascending. SELECTs the mailbox afresh first, so mail that arrived
    /// while it was selected is seen and a recreated mailbox is noticed; throws
    /// `.uidValidityChanged` when the mailbox's UIDVALIDITY is not `validity`.
    public func uids(after cursor: UID, expecting validity: UIDValidity) async throws(TransportError) -> [UID] {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.uids(connection, after: cursor, expecting: validity)
            }
        }
    }

    /// Raw bytes, INTERNALDATE and RFC822.SIZE of `uids` in ascending UID order, fetched in
    /// batches with `BODY.PEEK[]` (never sets `\Seen`). Messages larger than `maxBytes` come back
    /// with their size and an empty `raw` (their bodies are not downloaded); UIDs the mailbox no
    /// longer has are omitted.
    public func fetch(_ uids: [UID], expecting validity: UIDValidity, maxBytes: Int) async throws(TransportError) -> [FetchedMessage] {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.fetch(connection, uids, expecting: validity, maxBytes: maxBytes)
            }
        }
    }

    /// Adds a flag (`\Seen`, `\Flagged`) or keyword (`$Ticketed`) to one message.
    public func addFlag(_ flag: String, to uid: UID, expecting validity: UIDValidity) async throws(TransportError) {
        try await worker.run { session, flag2 throws(TransportError) in
            try session.run(flag2) { connection throws(TransportError) in
                try session.addFlag(connection, flag, to: uid, expecting: validity)
            }
        }
    }

    /// Moves one message to `folder` (UID MOVE, or COPY + `\Deleted` + UID EXPUNGE), creating the
    /// folder when it is missing.
    public func move(_ uid: UID, to folder: MailboxName, expecting validity: UIDValidity) async throws(TransportError) {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.move(connection, uid, to: folder, expecting: validity)
            }
        }
    }

    /// Waits until the server reports new or expunged mail in the mailbox, or `timeout` passes.
    /// Uses IDLE where the server has it (DONE at the timeout or on the first change), else NOOP
    /// every ``IMAPEndpoint/noopInterval``. Returns true when something changed, including changes
    /// reported since the last ``uids(after:expecting:)``.
    public func waitForChange(timeout: Duration) async throws(TransportError) -> Bool {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.waitForChange(connection, timeout: timeout)
            }
        }
    }

    /// Logs in and SELECTs the mailbox, for `support-intake check`: its status and the server's
    /// capabilities.
    public func checkLogin() async throws(TransportError) -> IMAPCheckResult {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                let status = try session.status(connection)
                return IMAPCheckResult(status: status, capabilities: session.capabilities.sorted())
            }
        }
    }

    /// The flags of one message (`\Seen`, keywords), nil when the mailbox has no such UID.
    public func flags(of uid: UID, expecting validity: UIDValidity) async throws(TransportError) -> [String]? {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.flags(connection, of: uid, expecting: validity)
            }
        }
    }

    /// Stores `raw` (CRLF line endings) in `folder` with IMAP APPEND, creating the folder when
    /// missing (e.g. a copy of a sent acknowledgement). Returns the new UID when the server
    /// reports it (UIDPLUS).
    @discardableResult
    public func append(_ raw: [UInt8], to folder: MailboxName, flags: [String] = []) async throws(TransportError) -> UID? {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.append(connection, raw, to: folder, flags: flags)
            }
        }
    }

    /// Stores many messages in `folder` (created when missing), with MULTIAPPEND where the server
    /// has it: one command and one server transaction per chunk of up to 200 messages.
    public func append(contentsOf messages: [[UInt8]], to folder: MailboxName) async throws(TransportError) {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in
                try session.append(connection, contentsOf: messages, to: folder)
            }
        }
    }

    /// Creates a folder (an existing one is fine).
    func createMailbox(_ folder: MailboxName) async throws(TransportError) {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in try session.createMailbox(connection, folder) }
        }
    }

    /// Deletes a folder.
    func deleteMailbox(_ folder: MailboxName) async throws(TransportError) {
        try await worker.run { session, flag throws(TransportError) in
            try session.run(flag) { connection throws(TransportError) in try session.deleteMailbox(connection, folder) }
        }
    }

    /// Logs out (bounded by a short timeout even when the server is dead) and ends the worker
    /// thread; later calls fail with `.cancelled`.
    public func close() async {
        await worker.shutdown { session in session.logout() }
    }
}
