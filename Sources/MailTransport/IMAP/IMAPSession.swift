import Foundation
import Logging
import MailCore

/// The state of one IMAP client on its worker thread: the connection (opened lazily, reopened
/// after a drop), the selected mailbox with its UIDVALIDITY, and the operations of
/// ``MailboxClient`` as blocking calls. Everything here runs on the ``CurlWorker`` thread.
final class IMAPSession {
    /// What SELECT told us about the mailbox, kept current by untagged EXISTS/EXPUNGE.
    struct Selected {
        var mailbox: MailboxName
        var uidValidity: UIDValidity
        var uidNext: UID?
        var exists: UInt32
        /// Set when the server reported new or expunged mail since the last `uids(after:)`.
        var changed: Bool
    }

    let endpoint: IMAPEndpoint
    let logger: Logger
    private var connection: IMAPConnection?
    private(set) var selected: Selected?
    private var cancellation: CancellationFlag?

    init(endpoint: IMAPEndpoint, logger: Logger) {
        self.endpoint = endpoint
        self.logger = logger
    }

    var capabilities: Set<String> {
        (connection?.capabilities ?? []).subtracting(endpoint.ignoredCapabilities)
    }

    // MARK: Connection handling

    /// Runs `body` on a live connection. A connection that turns out dead (closed by the server
    /// while idle, reset) is replaced and `body` retried once, so a restart of the server is
    /// invisible to the caller; errors on a fresh connection are thrown.
    func run<T>(_ flag: CancellationFlag?, _ body: (IMAPConnection) throws(TransportError) -> T) throws(TransportError) -> T {
        cancellation = flag
        defer { cancellation = nil; connection?.cancellation = nil }
        var retried = false
        while true {
            let reused = connection != nil
            do {
                let live = try liveConnection()
                return try body(live)
            } catch {
                if connection?.isBroken == true || Self.dropsConnection(error.code) {
                    drop()
                }
                if reused, !retried, error.code == .connectionFailed {
                    retried = true
                    logger.notice("imap.reconnect", metadata: ["imap.reason": "\(error.message)"])
                    continue
                }
                throw error
            }
        }
    }

    private static func dropsConnection(_ code: TransportError.Code) -> Bool {
        code == .connectionFailed || code == .timedOut || code == .protocolError || code == .tlsFailure || code == .cancelled
    }

    private func liveConnection() throws(TransportError) -> IMAPConnection {
        if let connection {
            connection.cancellation = cancellation
            try connection.drainPending { observe($0) }
            return connection
        }
        let fresh = try IMAPConnection.open(endpoint, cancellation: cancellation, logger: logger)
        connection = fresh
        selected = nil
        logger.debug("imap.connected", metadata: ["imap.host": "\(endpoint.host)", "imap.port": "\(endpoint.port)"])
        return fresh
    }

    /// Forgets the connection (libcurl closes it).
    func drop() {
        connection = nil
        selected = nil
    }

    /// LOGOUT, bounded by a short stall, then drop.
    func logout() {
        guard let connection, !connection.isBroken else { drop(); return }
        connection.cancellation = nil
        _ = try? connection.execute("LOGOUT", stall: min(endpoint.stallTimeout, .seconds(5)))
        drop()
    }

    /// Applies unsolicited data to the selected-mailbox state.
    private func observe(_ response: IMAPUntaggedResponse) {
        switch response {
        case .exists(let count):
            if var state = selected {
                if count != state.exists { state.changed = true }
                state.exists = count
                selected = state
            }
        case .expunge:
            if var state = selected {
                state.exists = state.exists > 0 ? state.exists - 1 : 0
                state.changed = true
                selected = state
            }
        case .condition(_, .uidValidity(let value)?, _):
            if var state = selected, state.uidValidity.rawValue != value {
                state.uidValidity = UIDValidity(value)
                state.changed = true
                selected = state
            }
        default:
            break
        }
    }

    // MARK: Selection

    /// SELECTs the configured mailbox (once per connection) and checks its UIDVALIDITY.
    @discardableResult
    func select(_ connection: IMAPConnection, expecting expected: UIDValidity?) throws(TransportError) -> Selected {
        if let state = selected, state.mailbox == endpoint.mailbox {
            try check(state.uidValidity, expected)
            return state
        }
        var validity: UInt32?
        var uidNext: UInt32?
        var exists: UInt32 = 0
        let reply = try connection.execute("SELECT \(try IMAPSyntax.quotedMailbox(endpoint.mailbox))") { data in
            switch data {
            case .condition(_, .uidValidity(let value)?, _): validity = value
            case .condition(_, .uidNext(let value)?, _): uidNext = value
            case .exists(let count): exists = count
            default: break
            }
        }
        guard reply.status == .ok else {
            selected = nil
            throw TransportError(.mailboxNotFound, "SELECT \(endpoint.mailbox) refused: \(reply.text)")
        }
        guard let validity else {
            throw TransportError(.protocolError, "SELECT \(endpoint.mailbox) reported no UIDVALIDITY")
        }
        let state = Selected(mailbox: endpoint.mailbox, uidValidity: UIDValidity(validity),
                             uidNext: uidNext.map { UID($0) }, exists: exists, changed: false)
        selected = state
        try check(state.uidValidity, expected)
        return state
    }

    private func check(_ actual: UIDValidity, _ expected: UIDValidity?) throws(TransportError) {
        guard let expected, expected != actual else { return }
        throw TransportError(.uidValidityChanged,
                             "mailbox \(endpoint.mailbox) has UIDVALIDITY \(actual), expected \(expected): stored UIDs are void")
    }

    // MARK: Operations

    /// UIDVALIDITY, UIDNEXT and message count from a fresh SELECT (STATUS on a selected mailbox
    /// can report a stale view, and SELECT creates a not yet existing INBOX); STATUS only when the
    /// server's SELECT lacks UIDNEXT.
    func status(_ connection: IMAPConnection) throws(TransportError) -> MailboxStatus {
        selected = nil
        let state = try select(connection, expecting: nil)
        if let next = state.uidNext {
            return MailboxStatus(mailbox: endpoint.mailbox, uidValidity: state.uidValidity, uidNext: next,
                                 messageCount: Int(state.exists))
        }
        let reported = try statusOnce(connection)
        guard reported.uidValidity.rawValue != 0 else {
            throw TransportError(.protocolError, "STATUS \(endpoint.mailbox) reports UIDVALIDITY 0")
        }
        return reported
    }

    private func statusOnce(_ connection: IMAPConnection) throws(TransportError) -> MailboxStatus {
        var values: [String: UInt64] = [:]
        let reply = try connection.execute("STATUS \(try IMAPSyntax.quotedMailbox(endpoint.mailbox)) (MESSAGES UIDNEXT UIDVALIDITY)") { data in
            if case .status(_, let found) = data { values.merge(found) { $1 } }
            observe(data)
        }
        guard reply.status == .ok else {
            throw TransportError(.mailboxNotFound, "STATUS \(endpoint.mailbox) refused: \(reply.text)")
        }
        guard let validity = values["UIDVALIDITY"], let next = values["UIDNEXT"], let messages = values["MESSAGES"],
              validity <= UInt32.max, next <= UInt32.max
        else { throw TransportError(.protocolError, "STATUS \(endpoint.mailbox) lacks UIDVALIDITY, UIDNEXT or MESSAGES") }
        if let state = selected, state.uidValidity.rawValue != UInt32(validity) {
            selected = nil   // re-SELECT before the next UID operation
        }
        return MailboxStatus(mailbox: endpoint.mailbox, uidValidity: UIDValidity(UInt32(validity)),
                             uidNext: UID(UInt32(next)), messageCount: Int(messages))
    }

    /// NOOP, so the server reports mail that arrived while the mailbox was selected.
    func noop(_ connection: IMAPConnection) throws(TransportError) {
        let reply = try connection.execute("NOOP") { observe($0) }
        guard reply.status == .ok else { throw TransportError(.protocolError, "NOOP refused: \(reply.text)") }
    }

    /// The UIDs above `cursor`, ascending: a fresh SELECT (new mail becomes visible, UIDVALIDITY is
    /// re-read), then `UID SEARCH UID cursor+1:*` with the `n:*` quirk filtered.
    func uids(_ connection: IMAPConnection, after cursor: UID, expecting validity: UIDValidity) throws(TransportError) -> [UID] {
        // SELECT afresh on every call: it makes mail that arrived while selected visible (like
        // NOOP), and it is the only reliable way to see a mailbox deleted and recreated by another
        // session — Dovecot keeps serving the old view to NOOP and even to STATUS.
        selected = nil
        try select(connection, expecting: validity)
        selected?.changed = false
        guard cursor.rawValue < UInt32.max else { return [] }
        var found: [UInt32] = []
        let reply = try connection.execute("UID SEARCH UID \(cursor.rawValue + 1):*") { data in
            if case .search(let numbers) = data { found.append(contentsOf: numbers) }
            observe(data)
        }
        guard reply.status == .ok else { throw TransportError(.protocolError, "UID SEARCH refused: \(reply.text)") }
        return Set(found).filter { $0 > cursor.rawValue }.sorted().map { UID($0) }
    }

    /// Sizes and dates first (`UID FETCH set (UID RFC822.SIZE INTERNALDATE)`), then the bodies of
    /// the messages within `maxBytes` with `BODY.PEEK[]`, which leaves `\Seen` alone. Oversized
    /// messages come back with an empty `raw`; UIDs the server no longer has are left out.
    func fetch(_ connection: IMAPConnection, _ uids: [UID], expecting validity: UIDValidity,
               maxBytes: Int) throws(TransportError) -> [FetchedMessage] {
        let wanted = Set(uids.map(\.rawValue))
        guard !wanted.isEmpty else { return [] }
        try select(connection, expecting: validity)
        let ordered = wanted.sorted()
        var found: [UInt32: IMAPFetchAttributes] = [:]
        func collect(_ data: IMAPUntaggedResponse) {
            observe(data)
            guard case .fetch(_, let attributes) = data, let uid = attributes.uid, wanted.contains(uid) else { return }
            found[uid, default: IMAPFetchAttributes()].merge(attributes)
        }
        for chunk in Self.chunks(ordered, size: 500) {
            let set = IMAPSyntax.uidSet(chunk.map { UID($0) })
            let reply = try connection.execute("UID FETCH \(set) (UID RFC822.SIZE INTERNALDATE)", untagged: collect)
            guard reply.status == .ok else { throw TransportError(.protocolError, "UID FETCH refused: \(reply.text)") }
        }
        let eligible = ordered.filter { (found[$0]?.size ?? Int.max) <= maxBytes }
        connection.setMaxLiteralBytes(max(maxBytes, 1))
        defer { connection.setMaxLiteralBytes(IMAPResponseFramer.Limits().maxLiteralBytes) }
        for chunk in Self.chunks(eligible, size: 100) {
            let set = IMAPSyntax.uidSet(chunk.map { UID($0) })
            let reply = try connection.execute("UID FETCH \(set) (UID BODY.PEEK[])", untagged: collect)
            guard reply.status == .ok else { throw TransportError(.protocolError, "UID FETCH refused: \(reply.text)") }
        }
        var messages: [FetchedMessage] = []
        messages.reserveCapacity(found.count)
        for uid in ordered {
            guard let attributes = found[uid], let size = attributes.size else { continue }
            guard let date = attributes.internalDate else {
                throw TransportError(.protocolError, "UID FETCH \(uid) returned no INTERNALDATE")
            }
            if size > maxBytes {
                logger.notice("imap.fetch.oversized", metadata: ["mail.uid": "\(uid)", "mail.size": "\(size)", "mail.max_bytes": "\(maxBytes)"])
                messages.append(FetchedMessage(uid: UID(uid), internalDate: date, size: size, raw: []))
                continue
            }
            guard let body = attributes.body else { continue }   // expunged between the two FETCHes
            messages.append(FetchedMessage(uid: UID(uid), internalDate: date, size: size, raw: body))
        }
        return messages
    }

    /// `UID STORE uid +FLAGS.SILENT (flag)`.
    func addFlag(_ connection: IMAPConnection, _ flag: String, to uid: UID, expecting validity: UIDValidity) throws(TransportError) {
        guard let flag = IMAPSyntax.flag(flag) else {
            throw TransportError(.configuration, "\"\(IMAPResponseParser.printable(flag))\" is not an IMAP flag or keyword")
        }
        try select(connection, expecting: validity)
        let reply = try connection.execute("UID STORE \(uid) +FLAGS.SILENT (\(flag))") { observe($0) }
        guard reply.status == .ok else {
            throw TransportError(.rejectedPermanently, "UID STORE \(uid) refused: \(reply.text)")
        }
    }

    /// The flags of one message, nil when the mailbox has no such UID.
    func flags(_ connection: IMAPConnection, of uid: UID, expecting validity: UIDValidity) throws(TransportError) -> [String]? {
        try select(connection, expecting: validity)
        var flags: [String]?
        let reply = try connection.execute("UID FETCH \(uid) (UID FLAGS)") { data in
            observe(data)
            if case .fetch(_, let attributes) = data, attributes.uid == uid.rawValue, let found = attributes.flags { flags = found }
        }
        guard reply.status == .ok else { throw TransportError(.protocolError, "UID FETCH FLAGS refused: \(reply.text)") }
        return flags
    }

    /// UID MOVE (RFC 6851) where the server has it, else UID COPY + `\Deleted` + UID EXPUNGE
    /// (RFC 4315); a missing folder (`[TRYCREATE]`) is created and subscribed, then the step retried.
    func move(_ connection: IMAPConnection, _ uid: UID, to folder: MailboxName, expecting validity: UIDValidity) throws(TransportError) {
        let target = try IMAPSyntax.quotedMailbox(folder)
        try select(connection, expecting: validity)
        let caps = capabilities
        let verb = caps.contains("MOVE") ? "UID MOVE" : "UID COPY"
        var reply = try connection.execute("\(verb) \(uid) \(target)") { observe($0) }
        if reply.status == .no {
            // Dovecot says [TRYCREATE]; some servers only say NO. Create and try once more.
            try createMailbox(connection, folder)
            reply = try connection.execute("\(verb) \(uid) \(target)") { observe($0) }
        }
        guard reply.status == .ok else {
            throw TransportError(.rejectedPermanently, "\(verb) \(uid) to \(folder) refused: \(reply.text)")
        }
        if verb == "UID MOVE" { return }
        let store = try connection.execute("UID STORE \(uid) +FLAGS.SILENT (\\Deleted)") { observe($0) }
        guard store.status == .ok else {
            throw TransportError(.rejectedPermanently, "UID STORE \(uid) \\Deleted refused: \(store.text)")
        }
        guard caps.contains("UIDPLUS") else {
            // A plain EXPUNGE would also remove what a person marked \Deleted: leave it flagged.
            logger.notice("imap.move.no_uidplus", metadata: ["mail.uid": "\(uid)"])
            return
        }
        let expunge = try connection.execute("UID EXPUNGE \(uid)") { observe($0) }
        guard expunge.status == .ok else {
            throw TransportError(.rejectedPermanently, "UID EXPUNGE \(uid) refused: \(expunge.text)")
        }
    }

    /// CREATE (an existing folder is fine) and SUBSCRIBE, so mail clients show it.
    func createMailbox(_ connection: IMAPConnection, _ folder: MailboxName) throws(TransportError) {
        let name = try IMAPSyntax.quotedMailbox(folder)
        let reply = try connection.execute("CREATE \(name)") { observe($0) }
        if reply.status != .ok && reply.code != .alreadyExists {
            // Another session may have created it meanwhile; STATUS tells.
            let check = try connection.execute("STATUS \(name) (MESSAGES)") { observe($0) }
            guard check.status == .ok else {
                throw TransportError(.rejectedPermanently, "CREATE \(folder) refused: \(reply.text)")
            }
        }
        _ = try connection.execute("SUBSCRIBE \(name)") { observe($0) }
        logger.info("imap.folder.created", metadata: ["imap.folder": "\(folder)"])
    }

    /// DELETE a folder (tests recreate mailboxes with it).
    func deleteMailbox(_ connection: IMAPConnection, _ folder: MailboxName) throws(TransportError) {
        if selected?.mailbox == folder {
            _ = try connection.execute("UNSELECT") { observe($0) }
            selected = nil
        }
        let reply = try connection.execute("DELETE \(try IMAPSyntax.quotedMailbox(folder))") { observe($0) }
        guard reply.status == .ok else { throw TransportError(.rejectedPermanently, "DELETE \(folder) refused: \(reply.text)") }
    }

    /// APPEND raw bytes to a folder (created when missing); the new UID when the server has UIDPLUS.
    func append(_ connection: IMAPConnection, _ raw: [UInt8], to folder: MailboxName, flags: [String]) throws(TransportError) -> UID? {
        let reply = try appendCommand(connection, [raw], to: folder, flags: flags)
        if case .appendUID(_, let uid)? = reply.code { return UID(uid) }
        return nil
    }

    /// APPENDs many messages: one MULTIAPPEND command (RFC 3502) per chunk where the server has
    /// it (one transaction, one fsync on Dovecot), else one APPEND each.
    func append(_ connection: IMAPConnection, contentsOf messages: [[UInt8]], to folder: MailboxName) throws(TransportError) {
        guard capabilities.contains("MULTIAPPEND") else {
            for message in messages { _ = try appendCommand(connection, [message], to: folder, flags: []) }
            return
        }
        var chunk: [[UInt8]] = []
        var bytes = 0
        for message in messages {
            if !chunk.isEmpty, chunk.count >= 200 || bytes + message.count > 16 << 20 {
                _ = try appendCommand(connection, chunk, to: folder, flags: [])
                chunk.removeAll(keepingCapacity: true)
                bytes = 0
            }
            chunk.append(message)
            bytes += message.count
        }
        if !chunk.isEmpty { _ = try appendCommand(connection, chunk, to: folder, flags: []) }
    }

    private func appendCommand(_ connection: IMAPConnection, _ messages: [[UInt8]], to folder: MailboxName,
                               flags: [String]) throws(TransportError) -> IMAPTaggedResponse {
        guard !messages.isEmpty, messages.allSatisfy({ !$0.isEmpty }) else {
            throw TransportError(.configuration, "APPEND needs non-empty messages")
        }
        var flagList: [String] = []
        for flag in flags {
            guard let valid = IMAPSyntax.flag(flag) else {
                throw TransportError(.configuration, "\"\(IMAPResponseParser.printable(flag))\" is not an IMAP flag or keyword")
            }
            flagList.append(valid)
        }
        let flagText = "(\(flagList.joined(separator: " ")))"
        let prefix = "APPEND \(try IMAPSyntax.quotedMailbox(folder)) \(flagText)"
        var reply = try connection.execute(prefix, literals: messages, between: " \(flagText)") { observe($0) }
        if reply.status == .no, reply.code == .tryCreate {
            try createMailbox(connection, folder)
            reply = try connection.execute(prefix, literals: messages, between: " \(flagText)") { observe($0) }
        }
        guard reply.status == .ok else { throw TransportError(.rejectedPermanently, "APPEND to \(folder) refused: \(reply.text)") }
        return reply
    }

    /// Waits for a change with IDLE (re-issued every 25 minutes, RFC 2177) or NOOP polling.
    func waitForChange(_ connection: IMAPConnection, timeout: Duration) throws(TransportError) -> Bool {
        try select(connection, expecting: nil)
        if selected?.changed == true { return true }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        if capabilities.contains("IDLE") {
            while clock.now < deadline {
                let slice = min(deadline, clock.now.advanced(by: .seconds(25 * 60)))
                let changed = try connection.idle(until: slice) { data in
                    observe(data)
                    switch data {
                    case .exists, .expunge: return selected?.changed == true
                    case .condition(.bye, _, _): return true
                    default: return false
                    }
                }
                guard let changed else { break }   // IDLE refused: fall back to NOOP
                if changed { return true }
            }
            if clock.now >= deadline { return false }
        }
        while true {
            try noop(connection)
            if selected?.changed == true { return true }
            let now = clock.now
            guard now < deadline else { return false }
            let wake = min(deadline, now.advanced(by: endpoint.noopInterval))
            while clock.now < wake {
                if cancellation?.isCancelled == true { throw TransportError(.cancelled, "waiting for mail was cancelled") }
                Thread.sleep(forTimeInterval: min(0.2, Double((wake - clock.now).components.seconds) + Double((wake - clock.now).components.attoseconds) / 1e18))
            }
        }
    }

    static func chunks(_ values: [UInt32], size: Int) -> [[UInt32]] {
        stride(from: 0, to: values.count, by: size).map { Array(values[$0..<min($0 + size, values.count)]) }
    }
}
