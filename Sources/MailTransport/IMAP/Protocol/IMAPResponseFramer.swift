/// Splits the server's byte stream into complete responses (RFC 9051 §2.2.2, §4.3): a response is
/// one or more lines, each ending in CRLF, where a line ending in `{n}` is followed by exactly `n`
/// bytes of literal data that are taken by count, never scanned. So a literal holding a line such as
/// `a3 OK` can never end a response early.
///
/// Incremental: `append` bytes as they arrive in any split, `next()` returns each finished
/// response. Bounded: a line, a literal, and the number of literals per response each have a
/// limit; exceeding one is an ``IMAPParseError``.
struct IMAPResponseFramer {
    /// The bounds that keep a hostile or broken server from exhausting memory.
    struct Limits: Sendable {
        /// The longest line (without literals), e.g. a `* SEARCH` with many UIDs.
        var maxLineBytes: Int = 4 << 20
        /// The largest literal (one message's bytes).
        var maxLiteralBytes: Int = 64 << 20
        /// The most literals one response may carry.
        var maxLiteralsPerResponse: Int = 4096
    }

    /// A framed response: `lines[i]` (without CRLF) is followed by `literals[i]` when present.
    struct RawResponse: Equatable, Sendable {
        var lines: [[UInt8]] = []
        var literals: [[UInt8]] = []
    }

    var limits: Limits
    private var current = RawResponse()
    private var line: [UInt8] = []
    private var literal: [UInt8] = []
    private var literalRemaining: Int?
    private var ready: [RawResponse] = []
    private var readyIndex = 0
    private var failure: IMAPParseError?

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Whether bytes of an unfinished response are buffered.
    var hasPartialResponse: Bool { !line.isEmpty || literalRemaining != nil || !current.lines.isEmpty }

    /// Feeds bytes as received.
    mutating func append(_ bytes: some Collection<UInt8>) {
        guard failure == nil else { return }
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if let remaining = literalRemaining {
                let available = bytes.distance(from: index, to: bytes.endIndex)
                let take = min(remaining, available)
                let end = bytes.index(index, offsetBy: take)
                literal.append(contentsOf: bytes[index..<end])
                index = end
                if remaining - take == 0 {
                    current.literals.append(literal)
                    literal = []
                    literalRemaining = nil
                } else {
                    literalRemaining = remaining - take
                }
                continue
            }
            // Line mode: copy up to and including LF.
            var end = index
            var foundLF = false
            while end != bytes.endIndex {
                if bytes[end] == 0x0A { foundLF = true; break }
                bytes.formIndex(after: &end)
            }
            line.append(contentsOf: bytes[index..<end])
            if line.count > limits.maxLineBytes {
                failure = IMAPParseError("server line longer than \(limits.maxLineBytes) bytes")
                return
            }
            guard foundLF else { return }
            index = bytes.index(after: end)
            if line.last == 0x0D { line.removeLast() }
            finishLine()
            if failure != nil { return }
        }
    }

    private mutating func finishLine() {
        let finished = line
        line = []
        if let count = Self.trailingLiteralCount(finished) {
            guard count >= 0, count <= limits.maxLiteralBytes else {
                failure = IMAPParseError("server literal larger than \(limits.maxLiteralBytes) bytes")
                return
            }
            guard current.literals.count < limits.maxLiteralsPerResponse else {
                failure = IMAPParseError("more than \(limits.maxLiteralsPerResponse) literals in one response")
                return
            }
            current.lines.append(finished)
            literal = []
            literal.reserveCapacity(min(count, 1 << 20))
            if count == 0 {
                current.literals.append([])
            } else {
                literalRemaining = count
            }
        } else {
            current.lines.append(finished)
            ready.append(current)
            current = RawResponse()
        }
    }

    /// `n` when the line ends with `{n}` or `{n+}` (a literal follows), else nil; -1 for a
    /// malformed or absurd count.
    static func trailingLiteralCount(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}") else { return nil }
        var index = line.count - 2
        if index >= 0, line[index] == UInt8(ascii: "+") { index -= 1 }
        var value = 0
        var digits = 0
        while index >= 0, line[index] >= 0x30, line[index] <= 0x39 {
            digits += 1
            if digits > 12 { return -1 }
            index -= 1
        }
        guard digits > 0, index >= 0, line[index] == UInt8(ascii: "{") else { return nil }
        for byte in line[(index + 1)..<(index + 1 + digits)] { value = value * 10 + Int(byte - 0x30) }
        return value
    }

    /// The next complete response, nil when more bytes are needed. Throws once the stream broke a
    /// limit; the connection must then be dropped.
    mutating func next() throws(IMAPParseError) -> RawResponse? {
        if readyIndex < ready.count {
            let response = ready[readyIndex]
            readyIndex += 1
            if readyIndex == ready.count {
                ready.removeAll(keepingCapacity: true)
                readyIndex = 0
            }
            return response
        }
        if let failure { throw failure }
        return nil
    }
}
