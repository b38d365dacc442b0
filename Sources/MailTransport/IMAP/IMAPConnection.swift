import CCurl
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// One authenticated IMAP connection (RFC 9051) over a libcurl `CONNECT_ONLY` handle: libcurl
/// connects, does TLS or STARTTLS and the login (password or XOAUTH2); then this type speaks IMAP
/// itself with `curl_easy_send`/`curl_easy_recv`, waiting with `poll()` on the active socket.
/// Responses are framed by ``IMAPResponseFramer`` (literals by count) and parsed by
/// ``IMAPResponseParser``.
///
/// Every wait is bounded: a reply that is due must make progress within the stall timeout, IDLE
/// waits end at their deadline, and a set ``CancellationFlag`` ends any wait within 200 ms.
/// Lives on one worker thread.
final class IMAPConnection {
    private let easy: CurlEasy
    private let socket: Int32
    private var framer = IMAPResponseFramer()
    private var nextTag = 1
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private let logger: Logger
    /// Stall bound for a reply that is due.
    let stallTimeout: Duration
    /// The job's cancellation flag, set by the session before each job.
    var cancellation: CancellationFlag?
    /// The server's capabilities after login, upper-cased.
    private(set) var capabilities: Set<String> = []
    /// Set once the connection can no longer be used (closed, timed out mid-reply, garbled).
    private(set) var isBroken = false

    private init(easy: CurlEasy, socket: Int32, stallTimeout: Duration, logger: Logger) {
        self.easy = easy
        self.socket = socket
        self.stallTimeout = stallTimeout
        self.logger = logger
    }

    deinit {
        // libcurl says goodbye on cleanup; keep that bounded even with a dead server.
        try? easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, 2)
        try? easy.set(CURLOPT_TIMEOUT, 2)
    }

    /// Connects and logs in; then asks for the post-login capabilities.
    static func open(_ endpoint: IMAPEndpoint, cancellation: CancellationFlag?, logger: Logger) throws(TransportError) -> IMAPConnection {
        let easy = try CurlEasy()
        try easy.configure(endpoint.curlSettings)
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
        // Connect + TLS + login together may take at most connect + stall.
        try easy.set(CURLOPT_TIMEOUT_MS, CurlConnectionSettings.milliseconds(endpoint.connectTimeout + endpoint.stallTimeout))
        // libcurl hands the server's lines to the header callback during login too: keep them to
        // tell a refused password from a server that is merely full ([UNAVAILABLE], RFC 5530).
        let transcript = CurlTransfer(upload: [])
        try transcript.install(on: easy)
        let code = withExtendedLifetime(transcript) { easy.perform(cancellation: cancellation) }
        try? easy.set(CURLOPT_HEADERDATA, pointer: nil)
        try? easy.set(CURLOPT_HEADERFUNCTION, callback: { _, size, count, _ in size * count })
        guard code == CURLE_OK else {
            let what = "IMAP connect and login to \(endpoint.hostForURL):\(endpoint.port)"
            if code == CURLE_LOGIN_DENIED, let refusal = Self.loginRefusal(transcript.lines) {
                throw refusal
            }
            throw TransportError.curl(code, errorText: easy.errorText, responseCode: easy.responseCode, what: what)
        }
        guard let socket = easy.activeSocket else {
            throw TransportError(.connectionFailed, "IMAP connection has no socket after login")
        }
        let connection = IMAPConnection(easy: easy, socket: socket, stallTimeout: endpoint.stallTimeout, logger: logger)
        connection.cancellation = cancellation
        var capabilities: [String] = []
        let reply = try connection.execute("CAPABILITY") { response in
            if case .capability(let list) = response { capabilities = list }
        }
        guard reply.status == .ok else {
            throw TransportError(.protocolError, "CAPABILITY refused: \(reply.text)")
        }
        connection.capabilities = Set(capabilities.map { $0.uppercased() })
        return connection
    }

    /// Classifies a refused login by the server's tagged NO (RFC 5530 response codes): a full or
    /// unavailable server is temporary; anything else stays an authentication failure. Returns nil
    /// when the transcript has no tagged NO.
    static func loginRefusal(_ lines: [String]) -> TransportError? {
        guard let line = lines.last(where: { line in
            let words = line.split(separator: " ", maxSplits: 2)
            return words.count >= 2 && words[0] != "*" && words[0] != "+" && words[1].uppercased() == "NO"
        }) else { return nil }
        let text = line.trimmingTrailingNewlines().split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? ""
        let upper = text.uppercased()
        if upper.hasPrefix("[UNAVAILABLE]") || upper.hasPrefix("[INUSE]") || upper.hasPrefix("[LIMIT]")
            || upper.contains("MAXIMUM NUMBER OF CONNECTIONS") {
            return TransportError(.rejectedTemporarily, "IMAP login refused for now: \(text)",
                                  curlCode: Int(CURLE_LOGIN_DENIED.rawValue), retryable: true)
        }
        return TransportError(.authenticationFailed, "IMAP login refused: \(text)", curlCode: Int(CURLE_LOGIN_DENIED.rawValue))
    }

    /// Sets the largest literal the next replies may carry (e.g. the fetch size limit).
    func setMaxLiteralBytes(_ count: Int) {
        framer.limits.maxLiteralBytes = count
    }

    // MARK: Commands

    /// Sends `command` with a fresh tag and reads until its tagged completion, handing every
    /// untagged response to `untagged`. A `BAD` completion throws `.protocolError`; `OK` and `NO`
    /// are returned for the caller to judge.
    @discardableResult
    func execute(_ command: String, stall: Duration? = nil,
                 untagged: (IMAPUntaggedResponse) -> Void = { _ in }) throws(TransportError) -> IMAPTaggedResponse {
        let tag = makeTag()
        try send(Array("\(tag) \(command)\r\n".utf8))
        return try readCompletion(tag: tag, verb: Self.verb(command), stall: stall ?? stallTimeout, untagged: untagged)
    }

    /// Sends a command whose last argument is a literal (`APPEND`), or several literals joined by
    /// `between` (RFC 3502 MULTIAPPEND): waits for the server's `+` before each literal. A `NO`
    /// instead of `+` is returned as the completion.
    func execute(_ prefix: String, literals: [[UInt8]], between: String = "",
                 untagged: (IMAPUntaggedResponse) -> Void = { _ in }) throws(TransportError) -> IMAPTaggedResponse {
        precondition(!literals.isEmpty, "a literal command needs a literal")
        let tag = makeTag()
        let verb = Self.verb(prefix)
        try send(Array("\(tag) \(prefix) {\(literals[0].count)}\r\n".utf8))
        for (index, literal) in literals.enumerated() {
            waiting: while true {
                let response = try next(stall: stallTimeout, deadline: nil)!
                switch response {
                case .continuation:
                    break waiting
                case .untagged(let data):
                    untagged(data)
                case .tagged(let reply):
                    guard reply.tag == tag else { throw broken(.protocolError, "reply for unknown tag \(IMAPResponseParser.printable(reply.tag))") }
                    if reply.status == .bad { throw TransportError(.protocolError, "\(verb) refused as BAD: \(reply.text)") }
                    return reply
                }
            }
            let tail = index + 1 < literals.count ? "\(between) {\(literals[index + 1].count)}\r\n" : "\r\n"
            try send(literal + Array(tail.utf8))
        }
        return try readCompletion(tag: tag, verb: verb, stall: stallTimeout, untagged: untagged)
    }

    /// RFC 2177 IDLE until `deadline`, or until `isChange` accepts an untagged response, or until
    /// cancellation; then DONE and the completion. Returns whether a change was seen; nil when the
    /// server refused IDLE.
    func idle(until deadline: ContinuousClock.Instant, untagged: (IMAPUntaggedResponse) -> Bool) throws(TransportError) -> Bool? {
        let tag = makeTag()
        try send(Array("\(tag) IDLE\r\n".utf8))
        // Wait for "+ idling".
        while true {
            let response = try next(stall: stallTimeout, deadline: nil)!
            if case .continuation = response { break }
            if case .untagged(let data) = response { _ = untagged(data); continue }
            if case .tagged(let reply) = response, reply.tag == tag {
                return reply.status == .ok ? false : nil
            }
            throw broken(.protocolError, "unexpected reply while starting IDLE")
        }
        var changed = false
        var cancelled = false
        idling: while true {
            let response: IMAPResponse?
            do {
                response = try next(stall: nil, deadline: deadline)
            } catch where error.code == .cancelled {
                cancelled = true
                isBroken = false
                break idling
            }
            guard let response else { break }
            switch response {
            case .untagged(let data):
                if untagged(data) { changed = true; break idling }
            case .continuation:
                continue
            case .tagged(let reply):
                // The server ended IDLE by itself.
                guard reply.tag == tag else { throw broken(.protocolError, "reply for unknown tag during IDLE") }
                return changed
            }
        }
        let savedFlag = cancellation
        cancellation = nil   // finish the exchange even when cancelled; it is bounded by the stall timeout
        defer { cancellation = savedFlag }
        try send(Array("DONE\r\n".utf8))
        let reply = try readCompletion(tag: tag, verb: "IDLE", stall: stallTimeout) { data in
            if untagged(data) { changed = true }
        }
        if cancelled { throw TransportError(.cancelled, "IDLE cancelled") }
        guard reply.status == .ok else { throw TransportError(.protocolError, "IDLE ended with \(reply.status.rawValue): \(reply.text)") }
        return changed
    }

    /// Reads whatever the server sent unasked while the connection was idle (EXISTS, BYE), without
    /// waiting. Throws `.connectionFailed` when the server has closed the connection.
    func drainPending(_ untagged: (IMAPUntaggedResponse) -> Void) throws(TransportError) {
        while true {
            if let response = try parsedNext() {
                switch response {
                case .untagged(let data): untagged(data)
                default: throw broken(.protocolError, "unexpected tagged reply between commands")
                }
                continue
            }
            let (code, count) = buffer.withUnsafeMutableBytes { easy.receive(into: $0) }
            if code == CURLE_AGAIN { return }
            guard code == CURLE_OK else {
                throw broken(TransportError.curl(code, errorText: easy.errorText, responseCode: 0, what: "IMAP receive"))
            }
            guard count > 0 else { throw broken(.connectionFailed, "the IMAP server closed the connection") }
            framer.append(buffer[0..<count])
        }
    }

    // MARK: I/O

    private func makeTag() -> String {
        defer { nextTag += 1 }
        return "A\(nextTag)"
    }

    static func verb(_ command: String) -> String {
        let words = command.split(separator: " ", maxSplits: 2)
        if words.first?.uppercased() == "UID", words.count > 1 { return "UID \(words[1])" }
        return words.first.map(String.init) ?? command
    }

    private func readCompletion(tag: String, verb: String, stall: Duration,
                                untagged: (IMAPUntaggedResponse) -> Void) throws(TransportError) -> IMAPTaggedResponse {
        while true {
            let response = try next(stall: stall, deadline: nil)!
            switch response {
            case .untagged(let data):
                untagged(data)
            case .continuation:
                throw broken(.protocolError, "unexpected continuation request after \(verb)")
            case .tagged(let reply):
                guard reply.tag == tag else {
                    throw broken(.protocolError, "reply for unknown tag \(IMAPResponseParser.printable(reply.tag))")
                }
                if reply.status == .bad {
                    throw TransportError(.protocolError, "\(verb) refused as BAD: \(reply.text)")
                }
                return reply
            }
        }
    }

    private func broken(_ code: TransportError.Code, _ message: String) -> TransportError {
        broken(TransportError(code, message))
    }

    private func broken(_ error: TransportError) -> TransportError {
        isBroken = true
        return error
    }

    private func parsedNext() throws(TransportError) -> IMAPResponse? {
        let raw: IMAPResponseFramer.RawResponse?
        do {
            raw = try framer.next()
        } catch {
            throw broken(.protocolError, "unreadable IMAP reply: \(error.message)")
        }
        guard let raw else { return nil }
        do {
            return try IMAPResponseParser.parse(raw)
        } catch {
            throw broken(.protocolError, "unreadable IMAP reply: \(error.message)")
        }
    }

    /// The next response. A due reply (`stall` set) must make progress every `stall`, else
    /// `.timedOut`; with a `deadline`, reaching it returns nil.
    private func next(stall: Duration?, deadline: ContinuousClock.Instant?) throws(TransportError) -> IMAPResponse? {
        let clock = ContinuousClock()
        var lastProgress = clock.now
        while true {
            if let response = try parsedNext() { return response }
            let (code, count) = buffer.withUnsafeMutableBytes { easy.receive(into: $0) }
            if code == CURLE_OK {
                guard count > 0 else { throw broken(.connectionFailed, "the IMAP server closed the connection") }
                framer.append(buffer[0..<count])
                lastProgress = clock.now
                continue
            }
            guard code == CURLE_AGAIN else {
                throw broken(TransportError.curl(code, errorText: easy.errorText, responseCode: 0, what: "IMAP receive"))
            }
            var limit = deadline ?? clock.now.advanced(by: .seconds(86_400))
            if let stall { limit = min(limit, lastProgress.advanced(by: stall)) }
            if try !waitForSocket(events: Int16(POLLIN), until: limit) {
                if let deadline, clock.now >= deadline, !(stall.map { clock.now >= lastProgress.advanced(by: $0) } ?? false) {
                    return nil
                }
                throw broken(.timedOut, "the IMAP server sent nothing for \(stall ?? .zero)")
            }
        }
    }

    private func send(_ bytes: [UInt8]) throws(TransportError) {
        let clock = ContinuousClock()
        var offset = 0
        var lastProgress = clock.now
        while offset < bytes.count {
            let (code, sent) = bytes.withUnsafeBytes { easy.send(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if code == CURLE_OK {
                offset += sent
                if sent > 0 { lastProgress = clock.now }
                continue
            }
            guard code == CURLE_AGAIN else {
                throw broken(TransportError.curl(code, errorText: easy.errorText, responseCode: 0, what: "IMAP send"))
            }
            if try !waitForSocket(events: Int16(POLLOUT), until: lastProgress.advanced(by: stallTimeout)) {
                throw broken(.timedOut, "the IMAP server accepted no data for \(stallTimeout)")
            }
        }
    }

    /// poll() in 200 ms slices so cancellation is noticed; false when `limit` passed.
    private func waitForSocket(events: Int16, until limit: ContinuousClock.Instant) throws(TransportError) -> Bool {
        let clock = ContinuousClock()
        while true {
            if cancellation?.isCancelled == true {
                throw broken(.cancelled, "the IMAP operation was cancelled")
            }
            let now = clock.now
            guard now < limit else { return false }
            let slice = min(limit - now, .milliseconds(200))
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let result = poll(&descriptor, 1, Int32(CurlConnectionSettings.milliseconds(slice)))
            if result > 0 { return true }
            if result < 0 && errno != EINTR {
                throw broken(.connectionFailed, "poll on the IMAP socket failed (errno \(errno))")
            }
        }
    }
}
